import type { TouRate } from './markup';

/** Each rate's colour, declared once: 尖 red, 峰 orange, 平 blue, 谷 green. */
export const rateColour: Record<TouRate, string> = {
  sharp: '#f5222d',
  peak: '#fa8c16',
  flat: '#1677ff',
  valley: '#52c41a',
};
