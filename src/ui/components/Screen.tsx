import { useMemo } from 'react';
import { Box } from 'ink';
import { wantedDirectorLines } from '../director/director-lines.js';
import { useHostStats } from '../hooks/use-host-stats.js';
import { useMainKeys } from '../hooks/use-main-keys.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useUi } from '../hooks/use-ui.js';
import { useLvs } from '../hooks/use-lvs.js';
import { selectVisibleRows } from '../../store/selectors.js';
import { columnsFor } from '../layout/columns.js';
import { screenLayout } from '../layout/screen-layout.js';
import { ConfirmDialog, confirmHeight } from './ConfirmDialog.js';
import { ConnectionsView } from './ConnectionsView.js';
import { DetailPane } from './DetailPane.js';
import { DirectorBar } from './DirectorBar.js';
import { Footer } from './Footer.js';
import { FormDialog, formHeight } from './FormDialog.js';
import { HelpOverlay } from './HelpOverlay.js';
import { ServicesTable } from './ServicesTable.js';
import { StatusLine } from './StatusLine.js';

/**
 * The whole screen, laid out for the terminal's size: director bar, services table, detail
 * pane (a form or confirmation takes its place), status line, footer. Help and the connection
 * view take the table's place.
 */
export function Screen() {
  const { columns: terminalWidth, rows } = useTerminalSize();
  const host = useHostStats();
  const modal = useUi((state) => state.modal);
  const rowCount = useLvs((state) => selectVisibleRows(state).length);
  useMainKeys();
  const dialogLines = modal?.kind === 'form' ? formHeight(modal.spec, modal.state) : modal?.kind === 'confirm' ? confirmHeight(modal) : 0;
  const layout = screenLayout({ columns: terminalWidth, rows, directorLines: wantedDirectorLines(host), dialogLines, rowCount });
  const { width } = layout;
  const columns = useMemo(() => columnsFor(width), [width]);
  const bodyHeight = layout.tableRows + 1 + layout.detailLines;

  let body;
  if (modal?.kind === 'help') body = <HelpOverlay width={width} height={bodyHeight} />;
  else if (modal?.kind === 'connections') body = <ConnectionsView view={modal.view} width={width} height={bodyHeight} />;
  else {
    let lower = null;
    if (modal?.kind === 'form') lower = <FormDialog modal={modal} width={width} height={layout.detailLines} />;
    else if (modal?.kind === 'confirm') lower = <ConfirmDialog modal={modal} width={width} />;
    else if (layout.detailLines > 0) lower = <DetailPane width={width} height={layout.detailLines} />;
    body = (
      <>
        <ServicesTable columns={columns} height={layout.tableRows} />
        {lower}
      </>
    );
  }
  return (
    <Box flexDirection="column" width={width} height={layout.height} overflowY="hidden">
      <DirectorBar width={width} height={layout.directorLines} />
      <Box flexDirection="column" height={bodyHeight} overflowY="hidden">
        {body}
      </Box>
      <StatusLine width={width} />
      <Footer width={width} />
    </Box>
  );
}
