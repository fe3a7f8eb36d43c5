import type { TFunction } from 'i18next';
import type { AlarmKind, CommandKind, CommandState, MeterDisplayStatus, RelayState } from '../gql/graphql';

/**
 * How each display status looks, declared once: the tag of a row, the legend, the status
 * filter, the dashboard's tiles and any count by status take their colour, label and order
 * from here. The order is the server's precedence (MeterDisplayStatus), worst news first after
 * the two that hide the rest. dark: the colour is light, so text on it is dark.
 */
export const meterStatuses: readonly { status: MeterDisplayStatus; colour: string; dark?: boolean }[] = [
  { status: 'not_opened', colour: '#bfbfbf', dark: true },
  { status: 'offline', colour: '#8c8c8c' },
  { status: 'guarantee', colour: '#722ed1' },
  { status: 'tripped', colour: '#cf1322' },
  { status: 'arrears', colour: '#fa541c' },
  { status: 'alarm2', colour: '#fa8c16' },
  { status: 'alarm1', colour: '#fadb14', dark: true },
  { status: 'normal', colour: '#52c41a' },
];

const byStatus = new Map(meterStatuses.map((s) => [s.status, s]));

/** The colour of a display status. */
export function meterStatusColour(status: MeterDisplayStatus): string {
  return byStatus.get(status)?.colour ?? '#bfbfbf';
}

/** The colour of text drawn on a display status's colour: dark on the light ones, else antd's own. */
export function meterStatusTextColour(status: MeterDisplayStatus): string | undefined {
  return byStatus.get(status)?.dark ? '#262626' : undefined;
}

/** A display status's name in the console's language. */
export function meterStatusLabel(t: TFunction, status: MeterDisplayStatus): string {
  return t(`meters.status.${status}`);
}

/** The tag colour of a relay as last read: open (no power) red, closed green. */
export function relayColour(relay: RelayState | string | null | undefined): string | undefined {
  return relay === 'open' ? 'red' : relay === 'closed' ? 'green' : undefined;
}

/** The tag colour of each alarm kind, by how urgent it is. */
export const alarmColour: Record<AlarmKind, string> = {
  alarm1: 'gold',
  alarm2: 'orange',
  arrears: 'red',
  overload: 'volcano',
  offline: 'default',
  gateway_offline: 'default',
  reading_fault: 'magenta',
  balance_mismatch: 'purple',
};

/**
 * The batch commands of the console, in the order the menu offers them. credit is left out:
 * pushing money into a meter belongs to the sales desk, where the ledger records it.
 */
export const batchCommands: readonly CommandKind[] = [
  'trip',
  'close',
  'guarantee_on',
  'guarantee_off',
  'restore_prepaid',
  'push_tariff',
  'push_settings',
];

/** Commands that cut or hold the power: confirmed with a danger button. */
export const dangerousCommands: ReadonlySet<CommandKind> = new Set<CommandKind>(['trip']);

/** Whether a command's state is final (the progress of a meter stops there). */
export function commandDone(state: CommandState): boolean {
  return state === 'confirmed' || state === 'failed' || state === 'expired' || state === 'cancelled';
}
