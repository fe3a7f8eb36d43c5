import { ProCard, ProForm, ProFormCheckbox, ProFormText } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Image, Radio, Space, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { PageLoading } from '../../components/PageLoading';
import { useReportError } from '../../components/useReportError';
import { graphql } from '../../gql';
import { ReceiptField, type ReceiptLayoutsQuery } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { putLogo } from './receiptLogo';

// How the site's receipts print (docs/RECEIPTS.md): title, the optional fields, footer lines,
// the tenant app's public address, and the logo, which travels over PUT /receipts/logo/{siteId}
// (too large for a GraphQL string). The preview is a sample receipt printed by the server with
// the layout as saved, on the paper chosen here (paper is the printer's, not the layout's).

const layoutQuery = graphql(`
  query ReceiptLayouts {
    sites {
      id
      receiptLayout {
        title
        footer
        fields
        logoPng
        publicUrl
      }
    }
  }
`);

const setLayout = graphql(`
  mutation SetReceiptLayout($siteId: ID!, $layout: ReceiptLayoutInput!) {
    setReceiptLayout(siteId: $siteId, layout: $layout) {
      id
    }
  }
`);

const layoutKey = ['settings', 'receiptLayout'];

/** The optional fields in the order a receipt prints them (receipt.Fields). */
const fieldOrder: ReceiptField[] = [
  ReceiptField.Account,
  ReceiptField.Tenant,
  ReceiptField.Shop,
  ReceiptField.Meters,
  ReceiptField.Balance,
  ReceiptField.Channel,
  ReceiptField.Operator,
  ReceiptField.Time,
  ReceiptField.Note,
  ReceiptField.Qr,
  ReceiptField.Signature,
];

/** The limits of receipt.Layout (receipt/layout.go). */
const maxTitle = 40;
const maxFooterLines = 3;
const maxFooter = 80;
const maxLogoBytes = 64 << 10;

interface Values {
  title: string;
  fields: ReceiptField[];
  footer0: string;
  footer1: string;
  footer2: string;
  publicUrl: string;
}

export function ReceiptLayoutCard({ siteId, mayEdit }: { siteId: string; mayEdit: boolean }) {
  const q = useQuery({ queryKey: layoutKey, queryFn: ({ signal }) => request(layoutQuery, {}, signal) });
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <PageLoading />;
  const layout = q.data.sites.find((s) => s.id === siteId)?.receiptLayout;
  if (!layout) return null;
  return <LayoutForm key={siteId} siteId={siteId} layout={layout} mayEdit={mayEdit} />;
}

type Layout = ReceiptLayoutsQuery['sites'][number]['receiptLayout'];

function LayoutForm({ siteId, layout, mayEdit }: { siteId: string; layout: Layout; mayEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queries = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [paper, setPaper] = useState<'a4' | '241'>('a4');
  const [logoError, setLogoError] = useState<string>();
  const [uploading, setUploading] = useState(false);

  const initial: Values = {
    title: layout.title,
    fields: layout.fields,
    footer0: layout.footer[0] ?? '',
    footer1: layout.footer[1] ?? '',
    footer2: layout.footer[2] ?? '',
    publicUrl: layout.publicUrl,
  };
  const footerRules = [{ max: maxFooter, message: t('receiptLayout.tooLong', { max: maxFooter }) }];

  const uploadLogo = async (file: Blob | null) => {
    setLogoError(undefined);
    if (file && file.size > maxLogoBytes) {
      setLogoError(t('receiptLayout.logoTooLarge', { kb: maxLogoBytes >> 10 }));
      return;
    }
    setUploading(true);
    try {
      await putLogo(siteId, file);
      void message.success(file ? t('receiptLayout.logoSaved') : t('receiptLayout.logoRemoved'));
      await queries.invalidateQueries({ queryKey: layoutKey });
    } catch (err) {
      setLogoError(t('receiptLayout.logoRefused', { reason: err instanceof Error ? err.message : String(err) }));
    } finally {
      setUploading(false);
    }
  };

  const preview = (
    <Space wrap>
      <span>{t('receiptLayout.preview')}</span>
      <Radio.Group value={paper} onChange={(e) => setPaper(e.target.value as 'a4' | '241')} optionType="button" size="small">
        <Radio.Button value="a4">{t('receiptLayout.paperA4')}</Radio.Button>
        <Radio.Button value="241">{t('receiptLayout.paper241')}</Radio.Button>
      </Radio.Group>
      <Button
        type="primary"
        ghost
        size="small"
        href={`/receipts/preview/${siteId}.pdf?paper=${paper}`}
        target="_blank"
        rel="noopener"
        title={t('receiptLayout.previewHint')}
        data-testid="receipt-preview"
      >
        {t('receiptLayout.openPreview')}
      </Button>
    </Space>
  );

  return (
    <ProCard title={t('receiptLayout.title')} subTitle={t('receiptLayout.subtitle')} extra={preview} bordered data-testid="receipt-layout">
      <ProForm.Item label={t('receiptLayout.logo')} labelCol={{ flex: '160px' }} extra={t('receiptLayout.logoHint', { kb: maxLogoBytes >> 10 })}>
        <Space align="center" wrap>
          {layout.logoPng ? (
            <Image data-testid="receipt-logo" src={`data:image/png;base64,${layout.logoPng}`} height={48} alt={t('receiptLayout.logo')} />
          ) : (
            <span data-testid="receipt-no-logo">{t('receiptLayout.noLogo')}</span>
          )}
          {mayEdit && (
            <Upload
              accept="image/png"
              showUploadList={false}
              beforeUpload={(file) => {
                void uploadLogo(file);
                return false;
              }}
            >
              <Button loading={uploading} data-testid="receipt-logo-upload">
                {layout.logoPng ? t('receiptLayout.replaceLogo') : t('receiptLayout.uploadLogo')}
              </Button>
            </Upload>
          )}
          {mayEdit && layout.logoPng && (
            <Button danger onClick={() => void uploadLogo(null)} data-testid="receipt-logo-remove">
              {t('receiptLayout.removeLogo')}
            </Button>
          )}
        </Space>
        {logoError && <Alert style={{ marginTop: 8 }} type="error" showIcon message={logoError} data-testid="receipt-logo-error" />}
      </ProForm.Item>
      <ProForm<Values>
        form={form}
        layout="horizontal"
        labelCol={{ flex: '160px' }}
        initialValues={initial}
        disabled={!mayEdit}
        submitter={{ searchConfig: { submitText: t('receiptLayout.save'), resetText: t('settings.reset') }, render: mayEdit ? undefined : false }}
        onFinish={async (v) => {
          const footer = [v.footer0, v.footer1, v.footer2].map((s) => (s ?? '').trim()).filter((s) => s !== '');
          try {
            await request(setLayout, {
              siteId,
              layout: { title: (v.title ?? '').trim(), fields: v.fields, footer, publicUrl: (v.publicUrl ?? '').trim() },
            });
            void message.success(t('crud.saved'));
            await queries.invalidateQueries({ queryKey: layoutKey });
            return true;
          } catch (err) {
            report(err, form);
            return false;
          }
        }}
      >
        <ProFormText
          name="title"
          label={t('receiptLayout.heading')}
          width="lg"
          placeholder={t('receiptLayout.headingPlaceholder')}
          extra={t('receiptLayout.headingHint')}
          rules={[{ max: maxTitle, message: t('receiptLayout.tooLong', { max: maxTitle }) }]}
        />
        <ProFormCheckbox.Group
          name="fields"
          label={t('receiptLayout.fields')}
          extra={t('receiptLayout.fieldsHint')}
          options={fieldOrder.map((f) => ({ value: f, label: t(`receiptLayout.field.${f}`) }))}
        />
        {Array.from({ length: maxFooterLines }, (_, i) => (
          <ProFormText
            key={i}
            name={`footer${i}`}
            label={t('receiptLayout.footerLine', { n: i + 1 })}
            width="xl"
            placeholder={i === 0 ? t('receiptLayout.footerPlaceholder') : undefined}
            rules={footerRules}
          />
        ))}
        <ProFormText
          name="publicUrl"
          label={t('receiptLayout.publicUrl')}
          width="lg"
          placeholder="https://pay.example.com"
          extra={t('receiptLayout.publicUrlHint')}
          rules={[
            { max: 200, message: t('receiptLayout.tooLong', { max: 200 }) },
            { pattern: /^(https?:\/\/[^\s?#]+)?$/, message: t('receiptLayout.publicUrlInvalid') },
          ]}
        />
      </ProForm>
    </ProCard>
  );
}
