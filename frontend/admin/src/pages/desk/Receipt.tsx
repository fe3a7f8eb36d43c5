import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { DeskAccountFragment, DeskEntryFragment } from '../../gql/graphql';
import { fenToCapitals, formatFen } from '../../lib/money';
import { formatShanghai } from '../../lib/shanghai';

export interface ReceiptData {
  account: DeskAccountFragment;
  entry: DeskEntryFragment;
  cashier: string;
}

/**
 * The receipt of one desk operation, as printed by the browser: the print stylesheet
 * (desk.css) hides the rest of the page and lays this out for a receipt printer or A4. The
 * amount is in figures and in capitals (大写), which cannot be altered by adding a digit.
 */
export function Receipt({ data, testId }: { data: ReceiptData; testId?: string }) {
  const { t } = useTranslation();
  const { account, entry, cashier } = data;
  const amount = Math.abs(entry.amountFen);
  const rows: [string, string][] = [
    [t('desk.receipt.tenant'), `${account.tenantName}${account.shopNo ? `（${account.shopNo}）` : ''}`],
    [t('desk.receipt.account'), account.no],
    ...(entry.meter ? ([[t('desk.receipt.meter'), entry.meter.address]] as [string, string][]) : []),
    [t('desk.receipt.type'), t(`desk.type.${entry.type}`)],
    ...(entry.channel ? ([[t('desk.receipt.channel'), t(`desk.channel.${entry.channel}`)]] as [string, string][]) : []),
    [t('desk.receipt.amount'), formatFen(amount)],
    [t('desk.receipt.capitals'), `人民币${fenToCapitals(amount)}`],
    [t('desk.receipt.balanceAfter'), formatFen(entry.balanceAfterFen)],
    [t('desk.receipt.receiptNo'), entry.receiptNo],
    [t('desk.receipt.cashier'), cashier],
    [t('desk.receipt.time'), formatShanghai(entry.createdAt)],
    ...(entry.note ? ([[t('desk.receipt.note'), entry.note]] as [string, string][]) : []),
  ];
  return (
    <div className="vp-receipt" data-testid={testId}>
      <div className="vp-receipt-title">{account.site.name}</div>
      <div className="vp-receipt-subtitle">{t('desk.receipt.title', { type: t(`desk.type.${entry.type}`) })}</div>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k} className="vp-receipt-row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <div className="vp-receipt-foot">{t('desk.receipt.foot')}</div>
    </div>
  );
}

/** The copy of the receipt the browser prints: directly under <body>, shown only in print (desk.css). */
export function PrintReceipt({ data }: { data: ReceiptData }) {
  return createPortal(
    <div className="vp-print-root">
      <Receipt data={data} />
    </div>,
    document.body,
  );
}
