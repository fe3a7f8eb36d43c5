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
// The codecs work on byte slices and on any io.Reader/io.Writer passed in;
// they never dial: a bus gets its connections from a dial function (TCP,
// the site agent, or a 4G link). The command executor (working through the
// durable command queue) comes next (issue 3).
package meterlink
