import 'i18next';
import type { Messages } from './zh-CN';

// Keys given to t() are checked against the Chinese messages.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
