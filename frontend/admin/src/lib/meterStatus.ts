import type { CommandKind, CommandState, MeterDisplayStatus } from '../gql/graphql';

/**
 * How each display status looks, declared once: the tag of a row, the legend, the status
 * filter and any count by status take their colour and order from here. The order is the
 * server's precedence (MeterDisplayStatus), worst news first after the two that hide the rest.
 */
export const meterStatuses: readonly { status: MeterDisplayStatus; colour: string }[] = [
  { status: 'not_opened', colour: '#bfbfbf' },
  { status: 'offline', colour: '#8c8c8c' },
  { status: 'guarantee', colour: '#722ed1' },
  { status: 'tripped', colour: '#cf1322' },
  { status: 'arrears', colour: '#fa541c' },
  { status: 'alarm2', colour: '#fa8c16' },
  { status: 'alarm1', colour: '#fadb14' },
  { status: 'normal', colour: '#52c41a' },
];

const colourOf = new Map(meterStatuses.map((s) => [s.status, s.colour]));

/** The colour of a display status. */
export function meterStatusColour(status: MeterDisplayStatus): string {
  return colourOf.get(status) ?? '#bfbfbf';
}

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
