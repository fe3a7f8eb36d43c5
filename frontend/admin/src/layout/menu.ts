import type { ReactNode } from 'react';
import { menuGroups, type ConsolePage, type MenuGroup } from '../app/pages';

/** An entry of ProLayout's menu: a page, or a group heading with its pages. */
export interface MenuRoute {
  path: string;
  name: string;
  icon?: ReactNode;
  hideInMenu?: boolean;
  routes?: MenuRoute[];
}

/**
 * The side menu for the pages an operator may use (already filtered by permission): pages
 * without a group first, then each group in menuGroups' order with its pages in the table's
 * order. A group with no page left to show (every page hidden or not permitted) is left out.
 * Routes stay the pages' own; a group's path is only the menu's key for it.
 */
export function menuRoutes(pages: readonly ConsolePage[], label: (page: ConsolePage) => string, groupLabel: (group: MenuGroup) => string): MenuRoute[] {
  const entry = (p: ConsolePage): MenuRoute => ({ path: p.path, name: label(p), icon: p.icon, hideInMenu: p.hideInMenu });
  const top = pages.filter((p) => !p.group).map(entry);
  const groups = menuGroups.flatMap((g) => {
    const inGroup = pages.filter((p) => p.group === g);
    if (!inGroup.some((p) => !p.hideInMenu)) return [];
    return [{ path: `/menu-group/${g}`, name: groupLabel(g), routes: inGroup.map(entry) }];
  });
  return [...top, ...groups];
}
