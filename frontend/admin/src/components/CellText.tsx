import { Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * A table cell's text that never widens its column: cut with an ellipsis when too long, the
 * whole text in a tooltip. Use in columns with `ellipsis: true` and a width.
 */
export function CellText({ text, children }: { text: string | null | undefined; children?: ReactNode }) {
  if (!text) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: '100%' }}>
      {children ?? text}
    </Typography.Text>
  );
}
