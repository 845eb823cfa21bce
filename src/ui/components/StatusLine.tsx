import { Text } from 'ink';
import { selectReadInTurns } from '../../store/selectors.js';
import { fit } from '../format/fit.js';
import { useLvs } from '../hooks/use-lvs.js';
import { useServices } from '../hooks/use-services.js';
import { useTheme } from '../hooks/use-theme.js';
import { useUi } from '../hooks/use-ui.js';
import { Line } from './Line.js';
import { PromptLine } from './PromptLine.js';

function badgesOf(paused: boolean, readOnly: boolean, filter: string, pending: number, inTurns: boolean): string {
  const badges: string[] = [];
  if (pending > 0) badges.push(`${pending} change${pending === 1 ? '' : 's'} running…`);
  if (filter !== '') badges.push(`filter "${filter}"`);
  // Why some rows' server figures lag (their ~ marker): the table or its cost.
  if (inTurns) badges.push('servers read in turns');
  if (paused) badges.push('PAUSED');
  if (readOnly) badges.push('READ-ONLY');
  return badges.length === 0 ? '' : ` ${badges.map((b) => `[${b}]`).join(' ')}`;
}

/** The last action as its ipvsadm command, or the last error in plain words; or the open prompt. */
export function StatusLine({ width }: { width: number }) {
  const theme = useTheme();
  const { readOnly } = useServices();
  const prompt = useUi((state) => state.prompt);
  const lastAction = useLvs((state) => state.lastAction);
  const lastError = useLvs((state) => state.lastError);
  const paused = useLvs((state) => state.paused);
  const filter = useLvs((state) => state.filter);
  const pending = useLvs((state) => state.pending.size);
  const inTurns = useLvs(selectReadInTurns);
  const allBadges = badgesOf(paused, readOnly, prompt?.kind === 'filter' ? '' : filter, pending, inTurns);
  // A long filter can make the badges wider than the screen: the line must still fit.
  const badges = fit(allBadges, Math.min(width, allBadges.length));
  const room = Math.max(0, width - badges.length);
  if (prompt !== null) {
    return (
      <Text wrap="truncate">
        <PromptLine prompt={prompt} width={room} />
        <Text bold>{badges}</Text>
      </Text>
    );
  }
  const showError = lastError !== null && (lastAction === null || lastError.at >= lastAction.at);
  const message = showError ? `✗ ${lastError.text}` : lastAction !== null ? `✓ ${lastAction.text}` : '';
  return (
    <Line
      segments={[
        { text: fit(message, room), color: showError ? theme.error : theme.ok },
        { text: badges, bold: true },
      ]}
    />
  );
}
