import { FilePdfOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Space,
  Table,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { request } from "../../graphql/client";
import { describeError, errorLine } from "../../graphql/errors";
import { formatWh } from "../../lib/energy";
import { formatFen } from "../../lib/money";
import { currentMonth } from "../reports/month";

const statementQuery = graphql(`
  query AccountStatementCard($accountId: ID!, $month: String!) {
    accountStatement(accountId: $accountId, month: $month) {
      month
      openingFen
      closingFen
      byType {
        type
        amountFen
        count
      }
      purchases {
        channel
        amountFen
        count
      }
      charges {
        meterId
        address
        rate
        tier
        energyWh
        amountFen
      }
      unsplitChargeFen
      pdfUrl
    }
  }
`);

/**
 * 月度账单: an account's monthly statement (单户费用清单) — opening balance, the month's movements
 * by type, charges by meter and rate, closing balance — and its PDF, for the month picked.
 */
export function AccountStatementCard({ accountId }: { accountId: string }) {
  const { t, i18n } = useTranslation();
  const [month, setMonth] = useState(currentMonth());
  const q = useQuery({
    queryKey: ["accountStatement", accountId, month],
    queryFn: ({ signal }) =>
      request(statementQuery, { accountId, month }, signal),
  });
  const st = q.data?.accountStatement;
  return (
    <Card
      title={t("accounts.statement.title")}
      data-testid="account-statement"
      extra={
        <Space>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && setMonth(d.format("YYYY-MM"))}
          />
          <Button
            icon={<FilePdfOutlined />}
            href={
              st
                ? `${st.pdfUrl}?lang=${encodeURIComponent(i18n.language)}`
                : undefined
            }
            target="_blank"
            disabled={!st}
          >
            {t("accounts.statement.pdf")}
          </Button>
        </Space>
      }
    >
      {q.error && (
        <Alert
          type="error"
          showIcon
          message={errorLine(t, describeError(t, q.error))}
        />
      )}
      {st && (
        <Space direction="vertical" size={16} style={{ width: "100%" }}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={t("accounts.statement.opening")}>
              {formatFen(st.openingFen)}
            </Descriptions.Item>
            <Descriptions.Item label={t("accounts.statement.closing")}>
              <Typography.Text strong data-testid="statement-closing">
                {formatFen(st.closingFen)}
              </Typography.Text>
            </Descriptions.Item>
            {st.byType.map((m) => (
              <Descriptions.Item
                key={m.type}
                label={t(`accounts.statement.type.${m.type}`, {
                  defaultValue: m.type,
                })}
              >
                {formatFen(m.amountFen, { plusSign: true })}
                <Typography.Text type="secondary">{` · ${t("accounts.statement.count", { count: m.count })}`}</Typography.Text>
                {m.type === "sale" && st.purchases.length > 0 && (
                  <Typography.Text type="secondary">
                    {" ("}
                    {st.purchases
                      .map(
                        (p) =>
                          `${t(`channel.${p.channel}`, { defaultValue: p.channel })} ${formatFen(p.amountFen)}`,
                      )
                      .join("，")}
                    {")"}
                  </Typography.Text>
                )}
              </Descriptions.Item>
            ))}
          </Descriptions>
          <Table
            size="small"
            rowKey={(c) => `${c.meterId}-${c.rate}-${c.tier}`}
            pagination={false}
            dataSource={st.charges}
            locale={{ emptyText: t("accounts.statement.noCharges") }}
            columns={[
              { title: t("accounts.statement.meter"), dataIndex: "address" },
              {
                title: t("accounts.statement.rate"),
                key: "rate",
                render: (_, c) =>
                  t(`energy.period.${c.rate}`) +
                  (c.tier
                    ? ` · ${t("accounts.statement.tier", { tier: c.tier })}`
                    : ""),
              },
              {
                title: t("accounts.statement.energy"),
                key: "energy",
                align: "right",
                render: (_, c) => formatWh(Number(c.energyWh)),
              },
              {
                title: t("accounts.statement.amount"),
                key: "amount",
                align: "right",
                render: (_, c) => formatFen(c.amountFen),
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
