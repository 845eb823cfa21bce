import { isServerId } from '../../model/identity.js';
import { footerHints } from '../footer/footer-hints.js';
import { useLvs } from '../hooks/use-lvs.js';
import { useServices } from '../hooks/use-services.js';
import { Line } from './Line.js';

/** Key hints for the selected row; under --read-only the keys that change IPVS are dimmed. */
export function Footer({ width }: { width: number }) {
  const { readOnly } = useServices();
  const selection = useLvs((state) => state.selection);
  const hints = footerHints(selection !== null && isServerId(selection), selection !== null, readOnly, width);
  const segments = hints.flatMap((hint, index) => [
    { text: index === 0 ? '' : '  ' },
    { text: hint.text, dimColor: hint.disabled, strikethrough: hint.disabled },
  ]);
  return <Line segments={segments} />;
}
