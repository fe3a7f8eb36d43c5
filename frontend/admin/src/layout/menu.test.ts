import { describe, expect, it } from 'vitest';
import { consolePages, type ConsolePage } from '../app/pages';
import { menuRoutes } from './menu';

const label = (p: ConsolePage) => p.label;
const group = (g: string) => g.toUpperCase();

describe('menuRoutes', () => {
  it('puts the dashboard first and every other page under its group, groups in order', () => {
    const menu = menuRoutes(consolePages, label, group);
    expect(menu[0]).toMatchObject({ path: '/', name: 'dashboard' });
    expect(menu.slice(1).map((m) => m.name)).toEqual(['BUSINESS', 'METERS', 'REGISTRY', 'FINANCE', 'REPORTS', 'SYSTEM']);
    expect(menu.find((m) => m.name === 'BUSINESS')!.routes!.filter((r) => !r.hideInMenu).map((r) => r.path)).toEqual(['/desk', '/accounts', '/orders']);
    // Every page is somewhere, with its own route.
    const paths = menu.flatMap((m) => (m.routes ?? [m]).map((r) => r.path));
    expect(paths.sort()).toEqual(consolePages.map((p) => p.path).sort());
  });

  it('leaves out a group none of whose pages may be shown', () => {
    // A cashier-like operator: the desk and a detail page hidden from the menu only.
    const pages = consolePages.filter((p) => p.path === '/desk' || p.path === '/accounts/:id' || p.path === '/');
    expect(menuRoutes(pages, label, group).map((m) => m.name)).toEqual(['dashboard', 'BUSINESS']);
    const onlyHidden = consolePages.filter((p) => p.path === '/accounts/:id');
    expect(menuRoutes(onlyHidden, label, group)).toEqual([]);
  });
});
