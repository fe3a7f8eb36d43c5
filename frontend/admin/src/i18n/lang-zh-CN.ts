// Everything the console needs to speak zh-CN, loaded as one chunk when the language is chosen:
// its strings and antd's texts (scripts/bundle-size.mjs counts it in each route's download).
export { default as messages } from './zh-CN';
export { default as antd } from 'antd/es/locale/zh_CN';
