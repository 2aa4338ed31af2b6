import { useId, type ReactNode } from "react";

export interface Column<Row> {
  /** The column header. */
  header: string;
  /** The cell for one row. */
  cell: (row: Row) => ReactNode;
  /** Numbers line up on the right. */
  align?: "start" | "end";
  /** Makes this column's cells row headers (th scope="row"), usually the name column. */
  isRowHeader?: boolean;
}

export interface TableProps<Row> {
  /** Says what the table shows; required because a table without one is hard to find by screen reader. */
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Shown instead of an empty table. */
  emptyMessage?: string;
}

/**
 * A data table. On a phone it reflows (styles.css): each row becomes a block and each cell a
 * line led by its column's name (`data-label`), so nothing scrolls sideways. Wider, a table too
 * wide for its space scrolls inside a focusable region, keeping every column reachable by keyboard.
 */
export function Table<Row>({ caption, columns, rows, rowKey, emptyMessage = "Nothing to show yet." }: TableProps<Row>) {
  const captionId = useId();
  if (rows.length === 0) {
    return (
      <p className="table-empty">
        <span className="visually-hidden">{caption}: </span>
        {emptyMessage}
      </p>
    );
  }
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="table">
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={column.align === "end" ? "num" : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => {
                const className = column.align === "end" ? "num" : undefined;
                return column.isRowHeader ? (
                  <th key={column.header} scope="row" className={className} data-label={column.header}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.header} className={className} data-label={column.header}>
                    {column.cell(row)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
