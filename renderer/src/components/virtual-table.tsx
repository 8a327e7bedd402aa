import { Box, Center, Loader, Table, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';

export interface Column<T> {
  key: string;
  header: string;
  width: number;
  /** Gives up width (down to `minWidth`) when the table is narrower than its columns. */
  shrink?: boolean;
  minWidth?: number;
  render(row: T): ReactNode;
  /** The full text of a cell, shown as its tooltip when the column is too narrow for it. */
  text?(row: T): string | null;
}

/**
 * Column widths that fit `available` pixels: shrinkable columns give up width in proportion,
 * never below their minimum; fixed columns (actions, badges) keep theirs.
 */
export function fitColumns<T>(columns: Column<T>[], available: number): number[] {
  const total = columns.reduce((w, c) => w + c.width, 0);
  if (available <= 0 || total <= available) return columns.map((c) => c.width);
  const flexible = columns.filter((c) => c.shrink);
  const spare = flexible.reduce((w, c) => w + c.width - (c.minWidth ?? 100), 0);
  const cut = Math.min(spare, total - available);
  return columns.map((c) =>
    c.shrink && spare > 0
      ? Math.floor(c.width - ((c.width - (c.minWidth ?? 100)) / spare) * cut)
      : c.width,
  );
}

const PAGE = 200;
const ROW_HEIGHT = 36;

/**
 * A table that scrolls through a million rows: only the visible rows are in the DOM, and only the
 * pages around them are fetched from the main process.
 */
export function VirtualTable<T>(props: {
  label: string;
  columns: Column<T>[];
  queryKey: string;
  fetchPage(offset: number, limit: number): Promise<{ total: number; rows: T[] }>;
}) {
  const { fetchPage, queryKey } = props;
  const parent = useRef<HTMLDivElement>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [pages, setPages] = useState<Map<number, T[]>>(new Map());
  const loading = useRef(new Set<number>());
  const [available, setAvailable] = useState(0);
  useEffect(() => {
    const element = parent.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setAvailable(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, [total]);

  useEffect(() => {
    let alive = true;
    loading.current = new Set([0]);
    void fetchPage(0, PAGE).then((page) => {
      if (!alive) return;
      setTotal(page.total);
      setPages(new Map([[0, page.rows]]));
    });
    return () => {
      alive = false;
    };
  }, [fetchPage, queryKey]);

  // eslint-disable-next-line react-hooks/incompatible-library -- used as TanStack documents; the compiler just skips memoising this component
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    for (let page = Math.floor(first / PAGE); page <= Math.floor(last / PAGE); page++) {
      if (pages.has(page) || loading.current.has(page)) continue;
      loading.current.add(page);
      void fetchPage(page * PAGE, PAGE).then((result) =>
        setPages((prev) => new Map(prev).set(page, result.rows)),
      );
    }
  }, [first, last, pages, fetchPage]);

  if (total === null) {
    return (
      <Center h={200}>
        <Loader role="status" aria-label="Loading" />
      </Center>
    );
  }
  if (total === 0) return <Text c="dimmed">No rows match.</Text>;
  const widths = fitColumns(props.columns, available);
  const width = widths.reduce((w, c) => w + c, 0);
  return (
    <Box
      ref={parent}
      style={{ height: 'calc(100vh - 260px)', minHeight: 300, overflow: 'auto' }}
      tabIndex={0}
      aria-label={`${props.label}: ${total} rows, scrollable`}
    >
      <Table
        aria-label={props.label}
        aria-rowcount={total + 1}
        style={{ width, tableLayout: 'fixed' }}
        striped
      >
        <Table.Thead
          style={{ position: 'sticky', top: 0, zIndex: 1, background: 'var(--mantine-color-body)' }}
        >
          <Table.Tr aria-rowindex={1}>
            {props.columns.map((c, i) => (
              <Table.Th key={c.key} style={{ width: widths[i] }}>
                {c.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody
          style={{ position: 'relative', height: virtualizer.getTotalSize(), display: 'block' }}
        >
          {items.map((item) => {
            const row = pages.get(Math.floor(item.index / PAGE))?.[item.index % PAGE];
            return (
              <Table.Tr
                key={item.key}
                aria-rowindex={item.index + 2}
                style={{
                  position: 'absolute',
                  top: 0,
                  transform: `translateY(${item.start}px)`,
                  height: ROW_HEIGHT,
                  display: 'table',
                  width,
                  tableLayout: 'fixed',
                }}
              >
                {props.columns.map((c, i) => (
                  <Table.Td
                    key={c.key}
                    title={row && c.text ? (c.text(row) ?? undefined) : undefined}
                    style={{
                      width: widths[i],
                      overflow: 'hidden',
                      textOverflow: 'ellipsis',
                      whiteSpace: 'nowrap',
                    }}
                  >
                    {row ? c.render(row) : '…'}
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
