// How the terminal's rows are shared: director bar on top, the services table, the detail
// pane (or a dialog in its place), the status line and the key footer. The screen draws one
// line less than the terminal has, so Ink updates it in place instead of clearing it.

export interface ScreenLayout {
  /** Lines drawn in total. */
  height: number;
  width: number;
  directorLines: number;
  /** Table rows shown (below its header line). */
  tableRows: number;
  /** Lines of the detail pane (or the dialog shown in its place); 0 when there is no room. */
  detailLines: number;
}

export interface LayoutInput {
  columns: number;
  rows: number;
  /** Lines the director bar wants (it is cut to what fits). */
  directorLines: number;
  /** Lines a dialog in the detail pane's place needs; 0 for none. */
  dialogLines?: number;
  /** Rows the table has to show; room it does not need goes to the detail pane. */
  rowCount?: number;
}

const STATUS_AND_FOOTER = 2;
const MIN_TABLE_ROWS = 3;

export function screenLayout(input: LayoutInput): ScreenLayout {
  const width = Math.max(20, input.columns);
  const height = Math.max(8, input.rows - 1);
  const directorLines = Math.min(input.directorLines, Math.max(1, Math.floor(height / 5)));
  const body = height - directorLines - STATUS_AND_FOOTER;
  // The body holds the table header, its rows and the detail pane.
  let detailWanted = body < 12 ? 0 : Math.min(14, Math.max(5, Math.floor(body * 0.3)));
  if (detailWanted > 0 && input.rowCount !== undefined) {
    const unused = body - 1 - detailWanted - Math.max(MIN_TABLE_ROWS, input.rowCount);
    if (unused > 0) detailWanted = Math.min(detailWanted + unused, Math.floor(body * 0.6));
  }
  const detailLines = Math.max(0, Math.min(Math.max(detailWanted, input.dialogLines ?? 0), body - 1 - MIN_TABLE_ROWS));
  const tableRows = Math.max(1, body - 1 - detailLines);
  return { height, width, directorLines, tableRows, detailLines };
}
