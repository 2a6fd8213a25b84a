// Package as3 loads F5 AS3 declarations (JSON) into tlslint's common
// model, with the meaning the BIG-IP gives them once AS3 has deployed
// them. Facts come from F5's AS3 3.56 schema
// (shared/data/as3/as3-schema-3.56.0.json: classes, properties, defaults)
// and from AS3's translation to tmsh (F5Networks/f5-appsvcs-extension,
// src/lib/map_as3.js and properties.json at commit b44d5a0): which profiles
// a TLS_Server becomes, how pointers resolve, which defaults AS3 applies
// beyond the schema.
//
// # Input
//
// A file holds one JSON text: an AS3 request ({"class": "AS3",
// "declaration": {…}}), an ADC declaration ({"class": "ADC", …}), an
// array of requests, or the body of a per-application request (Application
// objects at the top; the tenant is in the request URL, so paths read
// "App/name"). The JSON is read by a small scanner of our own that keeps
// the byte range of every key and value, so every model value points at
// the property that set it; malformed JSON is one TL001 at the exact byte,
// saying what was expected. Duplicate keys resolve like JSON.parse (the
// last wins).
//
// # Mapping
//
//	Service_HTTPS, Service_HTTP, Service_TCP,  → lint.Listener (Product AS3, Context "service",
//	Service_L4, Service_Generic                  Subject "/Tenant/App/service"), one per client-ssl
//	                                             profile AS3 generates (one per TLS_Server certificate
//	                                             entry); one Bind per virtual address × port
//	virtualPort                                 → Bind.Port (schema defaults: 443 HTTPS, 80 HTTP);
//	                                             PortPos when written
//	serverTLS                                   → Bind.SSL/SSLPos, Listener.Profile/ProfilePos
//	redirect80 (HTTPS, default true)            → a plain listener "<service>-Redirect-" on :80 with
//	                                             an HTTP profile and no pool
//	pool + members                              → lint.Upstream (Kind "pool"), one per clientTLS
//	                                             profile; Targets from servicePort × serverAddresses,
//	                                             servers, FQDN hostname, or discovered members
//	TLS_Server                                  → Listener.Policy, Certs, Names (matchToSNI),
//	                                             SNIDefault, SNIRequire, Policy.Stapling, Trusted
//	TLS_Client                                  → Upstream.TLS, Policy, SNI/SNIName (sendSNI, or the
//	                                             service's serversslUseSni), Verify
//	                                             (validateCertificate and not ignoreUntrusted),
//	                                             Policy.Trusted (trustCA), ClientCerts
//	tls1_0Enabled … tls1_3Enabled, ssl3Enabled  → Policy.Protocols
//	ciphers / cipherGroup                       → Policy.Ciphers / Policy.CipherGroup (Cipher_Group
//	                                             and Cipher_Rule resolved; BIG-IP ones by name)
//	Certificate                                 → CertPair: "data:<PEM>" for PEM in the declaration,
//	                                             URLs and BIG-IP file paths as written
//
// Policies follow BIG-IP semantics (F5 cipher strings), so
// TLSPolicy.Product is lint.BigIP while listeners and upstreams say
// lint.AS3. A setting written in the declaration has Origin.Pos at its
// property ("key": value) and Origin.Context naming the object
// ("/Tenant/App/webtls"); a default comes from the schema (or from AS3's
// translation, cited where used) and has Origin.Default.
//
// References: a bare string or {"use": …} is an AS3 pointer, resolved as
// AS3 does (relative to the Application; absolute paths into the same
// Application, /Tenant/Shared or /Common/Shared); one that names nothing,
// or an object of the wrong class, is TL002 at the property. {"bigip":
// "/Common/…"} names an object on the device: /Common/clientssl and
// /Common/serverssl are known built-ins, any other profile makes the
// listener or upstream Incomplete (its settings are unknown; the defaults
// shown are the built-in parent's).
//
// Values AS3's schema validation would reject (a string port, a missing
// virtualAddresses, serverTLS on a Service_HTTP) are TL001 at the property.
package as3
