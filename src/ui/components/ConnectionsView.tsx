import { Box } from 'ink';
import type { Connection } from '../../backend/backend.js';
import { hostPort } from '../../ipvs/describe.js';
import { fit } from '../format/fit.js';
import { grouped } from '../format/units.js';
import { useKeypress } from '../hooks/use-keypress.js';
import { useServices } from '../hooks/use-services.js';
import { useTheme } from '../hooks/use-theme.js';
import { PRIORITY } from '../keys/dispatcher.js';
import type { ConnectionsView as View } from '../state/ui-store.js';
import { Line } from './Line.js';

interface Field {
  header: string;
  width: number;
  text(connection: Connection): string;
  align?: 'right';
}

const ENDPOINT = 24;
const FIELDS: readonly Field[] = [
  { header: 'PRO', width: 4, text: (c) => c.protocol.toUpperCase() },
  { header: 'CLIENT', width: ENDPOINT, text: (c) => hostPort(c.client.address, c.client.port) },
  { header: 'VIRTUAL', width: ENDPOINT, text: (c) => hostPort(c.virtual.address, c.virtual.port) },
  { header: 'REAL SERVER', width: ENDPOINT, text: (c) => hostPort(c.destination.address, c.destination.port) },
  { header: 'STATE', width: 11, text: (c) => c.state },
  { header: 'EXPIRES', width: 7, text: (c) => `${c.expires}s`, align: 'right' },
];

/** The fields that fit: the virtual address goes first when space is short. */
function fieldsFor(width: number): Field[] {
  const all = FIELDS.reduce((sum, f) => sum + f.width + 1, 0);
  return all <= width ? [...FIELDS] : FIELDS.filter((f) => f.header !== 'VIRTUAL');
}

function line(fields: readonly Field[], texts: readonly string[], width: number): string {
  return fit(fields.map((f, i) => fit(texts[i] ?? '', f.width, f.align ?? 'left')).join(' '), width);
}

/** "812 of 1,240,331 entries", or when the rows were cut "first 5,000 of 812,340 shown (1,240,331 entries)". */
export function connectionCount(rows: number, matched: number, total: number): string {
  if (rows < matched) return `first ${grouped(rows)} of ${grouped(matched)} shown (${grouped(total)} entries)`;
  return `${grouped(rows)} of ${grouped(total)} entries`;
}

/** The connection table filtered to the selection; Esc, c or q closes, ↑↓ PgUp PgDn scroll. */
export function ConnectionsView({ view, width, height }: { view: View; width: number; height: number }) {
  const theme = useTheme();
  const { ui } = useServices();
  const room = Math.max(1, height - 2);
  const count = view.rows?.length ?? 0;
  const maxScroll = Math.max(0, count - room);
  useKeypress(
    ({ name }) => {
      const actions = ui.getState().actions;
      const scrollTo = (scroll: number) =>
        actions.updateModal('connections', (modal) => ({ ...modal, view: { ...modal.view, scroll: Math.max(0, Math.min(maxScroll, scroll)) } }));
      if (name === 'escape' || name === 'c' || name === 'q' || name === 'ctrl+c') actions.closeModal();
      else if (name === 'down' || name === 'j') scrollTo(view.scroll + 1);
      else if (name === 'up' || name === 'k') scrollTo(view.scroll - 1);
      else if (name === 'pagedown') scrollTo(view.scroll + room);
      else if (name === 'pageup') scrollTo(view.scroll - room);
      else if (name === 'g' || name === 'home') scrollTo(0);
      else if (name === 'G' || name === 'end') scrollTo(maxScroll);
      return true;
    },
    { priority: PRIORITY.MODAL },
  );
  const fields = fieldsFor(width);
  const status = view.error ?? (view.rows === null ? 'reading the connection table…' : connectionCount(count, view.matched, view.total));
  const scroll = Math.min(view.scroll, maxScroll);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Line segments={[{ text: fit(` Connections: ${view.title} — ${status} — Esc closes`, width) }]} bold inverse />
      <Line segments={[{ text: line(fields, fields.map((f) => f.header), width) }]} bold underline />
      {view.error !== null ? <Line segments={[{ text: fit(view.error, width), color: theme.error }]} /> : null}
      {(view.rows ?? []).slice(scroll, scroll + room).map((connection, index) => (
        <Line key={`${connection.protocol}|${connection.client.address}|${connection.client.port}|${index}`} segments={[{ text: line(fields, fields.map((f) => f.text(connection)), width) }]} />
      ))}
    </Box>
  );
}
