import { PageContainer, ProCard } from "@ant-design/pro-components";
import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  DatePicker,
  Segmented,
  Select,
  Space,
  Table,
  Typography,
} from "antd";
import type { ColumnsType } from "antd/es/table";
import dayjs from "dayjs";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { PageLoading } from "../../components/PageLoading";
import { useUrlFilter } from "../../components/useUrlFilter";
import { graphql } from "../../gql";
import type { EnergyReportGroup, EnergyReportQuery } from "../../gql/graphql";
import { request } from "../../graphql/client";
import { describeError, errorLine } from "../../graphql/errors";
import { formatWh } from "../../lib/energy";
import { formatFen } from "../../lib/money";
import { touPeriods, touSplit } from "../energy/tou";
import { currentMonth, isMonth, monthDays } from "./month";

// ECharts is loaded only when the page draws its chart (its own chunk).
const TouCharts = lazy(() => import("../energy/TouCharts"));

const sitesQuery = graphql(`
  query EnergyReportSites {
    sites {
      id
      name
    }
    buildings(first: 100) {
      nodes {
        id
        name
        site {
          id
        }
      }
    }
  }
`);

const reportQuery = graphql(`
  query EnergyReport(
    $siteId: ID!
    $buildingId: ID
    $groupBy: EnergyReportGroup!
    $from: Date!
    $to: Date!
    $offset: Int
    $first: Int
  ) {
    energyReport(
      siteId: $siteId
      buildingId: $buildingId
      groupBy: $groupBy
      from: $from
      to: $to
      offset: $offset
      first: $first
    ) {
      totalRows
      rows {
        ...EnergyReportRowFields
      }
      total {
        ...EnergyReportRowFields
      }
    }
  }
  fragment EnergyReportRowFields on EnergyReportRow {
    id
    name
    meters
    energyWh
    sharpWh
    peakWh
    flatWh
    valleyWh
    chargedWh
    amountFen
  }
`);

type Row = EnergyReportQuery["energyReport"]["rows"][number];
const groups: EnergyReportGroup[] = ["meter", "account", "building"];
const pageSize = 50;

/**
 * 能耗报表: a month of a site's (or building's) meters, by meter, account or building, from the
 * server's daily rollups: energy with its time-of-use split and what charging took, a chart of
 * the page's rows and a totals row over all of them. Filters and the page live in the URL.
 */
export default function EnergyReportPage() {
  const { t } = useTranslation();
  const f = useUrlFilter();
  const month = isMonth(f.get("month")) ? f.get("month")! : currentMonth();
  const groupBy = (
    groups.includes(f.get("group") as EnergyReportGroup)
      ? f.get("group")
      : "meter"
  ) as EnergyReportGroup;
  const building = f.get("building");
  const page = Math.max(1, Number(f.get("page")) || 1);
  const sites = useQuery({
    queryKey: ["energyReport", "sites"],
    queryFn: ({ signal }) => request(sitesQuery, {}, signal),
  });
  const site = sites.data?.sites[0];
  const { from, to } = monthDays(month);
  const report = useQuery({
    queryKey: ["energyReport", site?.id, building, groupBy, month, page],
    enabled: !!site,
    queryFn: ({ signal }) =>
      request(
        reportQuery,
        {
          siteId: site!.id,
          buildingId: building,
          groupBy,
          from,
          to,
          offset: (page - 1) * pageSize,
          first: pageSize,
        },
        signal,
      ),
  });
  const data = report.data?.energyReport;
  const name = (r: Row) => r.name || t(`reports.energy.none.${groupBy}`);
  const wh = (v: number | string | null | undefined) =>
    v == null ? "—" : formatWh(Number(v), false);

  const columns: ColumnsType<Row> = [
    {
      title: t(`reports.energy.group.${groupBy}`),
      key: "name",
      render: (_, r) => (
        <Typography.Text strong={!!r.id}>{name(r)}</Typography.Text>
      ),
    },
    {
      title: t("reports.energy.meters"),
      dataIndex: "meters",
      align: "right",
      width: 80,
    },
    {
      title: t("reports.energy.energy"),
      key: "energy",
      align: "right",
      render: (_, r) => wh(r.energyWh),
    },
    ...touPeriods.map((p) => ({
      title: t(`energy.period.${p}`),
      key: p,
      align: "right" as const,
      render: (_: unknown, r: Row) => wh(r[`${p}Wh`]),
    })),
    {
      title: t("reports.energy.charged"),
      key: "charged",
      align: "right",
      render: (_, r) => wh(r.chargedWh),
    },
    {
      title: t("reports.energy.amount"),
      key: "amount",
      align: "right",
      render: (_, r) => formatFen(r.amountFen),
    },
  ];

  const total = data?.total;
  return (
    <PageContainer
      title={t("reports.energy.title")}
      subTitle={t("reports.energy.subtitle")}
    >
      <Space direction="vertical" size={16} style={{ width: "100%" }}>
        <Space wrap data-testid="energy-report-filters">
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) =>
              d && f.set({ month: d.format("YYYY-MM"), page: undefined })
            }
          />
          <Select<string>
            allowClear
            placeholder={t("energy.anyBuilding")}
            value={building}
            style={{ width: 200 }}
            loading={sites.isLoading}
            onChange={(v) => f.set({ building: v, page: undefined })}
            options={sites.data?.buildings.nodes.map((b) => ({
              value: b.id,
              label: b.name,
            }))}
          />
          <Segmented<EnergyReportGroup>
            value={groupBy}
            onChange={(g) =>
              f.set({ group: g === "meter" ? undefined : g, page: undefined })
            }
            options={groups.map((g) => ({
              value: g,
              label: t(`reports.energy.by.${g}`),
            }))}
          />
        </Space>
        {report.error && (
          <Alert
            type="error"
            showIcon
            message={errorLine(t, describeError(t, report.error))}
          />
        )}
        <ProCard title={t("reports.energy.chartTitle")} bordered>
          <Suspense fallback={<PageLoading />}>
            <TouCharts
              meters={(data?.rows ?? []).map((r) => ({
                name: name(r),
                split: touSplit(r, 1),
              }))}
            />
          </Suspense>
        </ProCard>
        <Table<Row>
          data-testid="energy-report-table"
          rowKey={(r) => r.id ?? "none"}
          size="middle"
          loading={report.isLoading}
          columns={columns}
          dataSource={data?.rows ?? []}
          locale={{ emptyText: t("reports.energy.empty") }}
          pagination={{
            current: page,
            pageSize,
            total: data?.totalRows ?? 0,
            showSizeChanger: false,
            showTotal: (n) => t("reports.energy.rows", { count: n }),
            onChange: (p) => f.set({ page: p === 1 ? undefined : String(p) }),
          }}
          summary={() =>
            total && (data?.totalRows ?? 0) > 0 ? (
              <Table.Summary.Row data-testid="energy-report-total">
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>
                    {t("reports.energy.total")}
                  </Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {total.meters}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <Typography.Text strong>{wh(total.energyWh)}</Typography.Text>
                </Table.Summary.Cell>
                {touPeriods.map((p, i) => (
                  <Table.Summary.Cell key={p} index={3 + i} align="right">
                    {wh(total[`${p}Wh`])}
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={7} align="right">
                  {wh(total.chargedWh)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={8} align="right">
                  <Typography.Text strong>
                    {formatFen(total.amountFen)}
                  </Typography.Text>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Space>
    </PageContainer>
  );
}
