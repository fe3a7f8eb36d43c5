package postgres

// meterColumns lists the meters columns scanned into voltpay.Meter, shared
// by the meter service and the account operations that move meters.
const meterColumns = `id, site_id, building_id, floor, room, address, channel, model, phases, protocol, gateway_id,
	ct_ratio, tariff_id, prepaid_mode, overload_w, alarm1_fen, alarm2_fen, relay, control_mode, online, last_energy_wh,
	last_read_at, account_id, status, replaced_by_id, created_at, credit_cap_fen, link_id`
