import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, languages, setLanguage } from '../i18n';

/** Picks the console's language; the choice is remembered in this browser. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <Dropdown
      menu={{
        selectable: true,
        selectedKeys: [lang],
        items: languages.map((l) => ({ key: l, label: t(`language.${l}`) })),
        onClick: ({ key }) => void setLanguage(key as (typeof languages)[number]),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('language.label')} data-testid="language-switch">
        {t(`language.${lang}`)}
      </Button>
    </Dropdown>
  );
}
