// Package meterlink is all of Voltpay's device I/O: it reads meters and
// sends them remote controls, through communication managers on RS-485
// buses (DL/T 645-2007, Modbus) or directly over 4G links. It depends only
// on the root domain package.
//
// Its parts, each a package of its own:
//   - dlt645: the DL/T 645-2007 frame codec, data identifiers and commands;
//   - modbus: Modbus RTU and TCP framing, and register maps per meter model;
//   - secure: MACs with per-meter keys for credit pushes (3DES retail MAC);
//   - sitegw: the site agent (SOCKS5 to a site's converters, `voltpay
//     sitegw`) and the poller's Dialer for it;
//   - bus: one request at a time over a gateway's TCP stream, with the
//     per-gateway timing, retries and reconnection;
//   - link: 4G meters and DTUs dialling in, identified by registration;
//   - acrel: Acrel's 4G binary protocol (7B 7B … 7D 7D: login, heartbeat,
//     time sync, uploads) and its Modbus RTU pass-through as a net.Conn;
//   - sim: simulated meters, converters and fleets for tests and the demo;
//   - poller: scheduled full and status reads of every meter, bus by bus,
//     and reads on demand.
//
// # What real firmware does
//
// DL/T 645-2007 leaves several answers to the firmware. What meterlink
// expects, from meter firmware read as source (caokx/3jiliang,
// App/Dl645B_Com.c and App/Dl645B_Com.h) and the issue 11 cross-checks
// against a second firmware and three independent implementations; the
// simulator (sim.Firmware) does the same by default:
//
//   - Relay refusals (0x1C): every refused plaintext relay command is
//     answered with the 1-byte ERR 0x04 (password / unauthorised), whatever
//     the cause: an expired command, a trip under guarantee, a wrong
//     password, an action the firmware does not take in plaintext (State-Grid
//     firmware with a formal key takes only close-allowed and direct close)
//     (fnDl645B_Unpack1C, fnDl645_ControlPackErr). The error word cannot
//     tell them apart, so the executor reads the meter's clock, resends with
//     a fresh expiry in the meter's time when it is off, falls back from
//     direct close to close-allowed, and only then blames the password
//     (control/relay.go).
//   - Follow-up frames (0x12): the reply (0x92, or 0xB2 while more follows)
//     is DI, data, then the SEQ byte of the request (fnDl645_PackOk,
//     fnDl645_PackSeq). A meter with events to report may answer a
//     follow-up with its active-report status word 04001501 (App/Bkgrd.h,
//     主动上报状态字) instead of more of the DI read (dlt645.ParseFollowUp,
//     dlt645.ErrActiveReport).
//   - Two-byte error words: the extended (ciphertext, PA 98) path answers a
//     refused 0x1C with a 2-byte word of the firmware's own
//     (eDL645B_ContErrInfo_TypeDef: bit 0 meter suspended, bit 1 MAC error,
//     bit 2 password / unauthorised, bit 3 identity authentication timed
//     out, bit 4 execution time invalid, bit 5 trip refused under
//     guarantee…). Only bit 2 means what the standard's ERR bit 2 means;
//     the other bits are reported as vendor bits with their value
//     (dlt645.MeterError.VendorBits).
//   - FF-filled entries: a block read answers the values a meter does not
//     have (phases B and C of a single-phase meter, unused tariffs) with FF
//     bytes rather than refusing the block (observed in the issue 11
//     cross-checks); they decode as "not supported" entry by entry
//     (dlt645.Item.DecodeEntries).
//   - Addressing: relay commands, writes and other programming functions
//     sent to the all-AA wildcard fail the meter's address check and get no
//     answer (fnDl645B_AddrCheck); only reads may use it.
//   - Energy registers (XXXXXX.XX kWh) roll over to 0 after 999999.99 kWh
//     (dlt645.EnergyModulusWh); billing counts the wrap as consumption.
//
// docs/PROTOCOLS.md gives the same in longer form.
//
// The codecs work on byte slices and on any io.Reader/io.Writer passed in;
// they never dial: a bus gets its connections from a dial function (TCP,
// the site agent, or a 4G link); control is the command executor, working
// through the durable command queue.
package meterlink
