package nginx

import "strings"

// ctx is a bit set of nginx configuration contexts.
type ctx uint32

// Contexts, as nginx's NGX_*_CONF flags distinguish them.
const (
	cMain ctx = 1 << iota
	cEvents
	cHTTP
	cServer   // http server
	cLocation // http location (nested too)
	cSIf      // if in server
	cLIf      // if in location
	cUpstream // http upstream
	cStream
	cStreamServer
	cStreamUpstream
	cMail
	cMailServer
	cOther // map, types, limit_except, geo, ... (values are data)
)

var ctxNames = map[ctx]string{
	cMain: "main", cEvents: "events", cHTTP: "http", cServer: "server", cLocation: "location",
	cSIf: "if", cLIf: "if", cUpstream: "upstream", cStream: "stream", cStreamServer: "server",
	cStreamUpstream: "upstream", cMail: "mail", cMailServer: "server", cOther: "block",
}

func (c ctx) String() string { return ctxNames[c] }

// spec describes a directive tlslint models: where nginx allows it, how
// many arguments it takes, and which values. Facts from the nginx module
// sources (ngx_http_ssl_module.c, ngx_http_proxy_module.c,
// ngx_stream_proxy_module.c, ...) and nginx.org's directive index.
type spec struct {
	where  ctx
	min    int
	max    int // -1: no limit
	flag   bool
	values []string // allowed values (case-insensitive), if restricted
	multi  bool     // may appear more than once in one block
}

const (
	httpTLS   = cHTTP | cServer
	httpUp    = cHTTP | cServer | cLocation
	streamTLS = cStream | cStreamServer
	mailTLS   = cMail | cMailServer
)

var protocolValues = []string{"SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"}

func flag(where ctx) spec  { return spec{where: where, min: 1, max: 1, flag: true} }
func take1(where ctx) spec { return spec{where: where, min: 1, max: 1} }

// specs lists the directives we check. A directive in several modules
// (ssl_protocols in http, stream and mail) allows the union of contexts.
var specs = map[string]spec{
	"ssl":                          flag(httpTLS | mailTLS),
	"ssl_protocols":                {where: httpTLS | streamTLS | mailTLS, min: 1, max: -1, values: protocolValues},
	"ssl_ciphers":                  take1(httpTLS | streamTLS | mailTLS),
	"ssl_prefer_server_ciphers":    flag(httpTLS | streamTLS | mailTLS),
	"ssl_ecdh_curve":               take1(httpTLS | streamTLS | mailTLS),
	"ssl_dhparam":                  take1(httpTLS | streamTLS | mailTLS),
	"ssl_certificate":              {where: httpTLS | streamTLS | mailTLS, min: 1, max: 1, multi: true},
	"ssl_certificate_key":          {where: httpTLS | streamTLS | mailTLS, min: 1, max: 1, multi: true},
	"ssl_trusted_certificate":      take1(httpTLS | streamTLS | mailTLS),
	"ssl_client_certificate":       take1(httpTLS | streamTLS | mailTLS),
	"ssl_verify_client":            {where: httpTLS | streamTLS | mailTLS, min: 1, max: 1, values: []string{"on", "off", "optional", "optional_no_ca"}},
	"ssl_stapling":                 flag(httpTLS | streamTLS),
	"ssl_stapling_verify":          flag(httpTLS | streamTLS),
	"ssl_stapling_file":            take1(httpTLS | streamTLS),
	"ssl_stapling_responder":       take1(httpTLS | streamTLS),
	"ssl_reject_handshake":         flag(httpTLS | streamTLS),
	"ssl_session_tickets":          flag(httpTLS | streamTLS | mailTLS),
	"ssl_early_data":               flag(httpTLS),
	"ssl_conf_command":             {where: httpTLS | streamTLS | mailTLS, min: 2, max: 2, multi: true},
	"ssl_password_file":            take1(httpTLS | streamTLS | mailTLS),
	"ssl_session_cache":            {where: httpTLS | streamTLS | mailTLS, min: 1, max: 2},
	"ssl_session_timeout":          take1(httpTLS | streamTLS | mailTLS),
	"ssl_buffer_size":              take1(httpTLS),
	"ssl_verify_depth":             take1(httpTLS | streamTLS | mailTLS),
	"ssl_crl":                      take1(httpTLS | streamTLS | mailTLS),
	"ssl_session_ticket_key":       {where: httpTLS | streamTLS | mailTLS, min: 1, max: 1, multi: true},
	"ssl_ocsp":                     {where: httpTLS | streamTLS, min: 1, max: 1, values: []string{"on", "off", "leaf"}},
	"ssl_handshake_timeout":        take1(streamTLS),
	"proxy_pass":                   take1(cLocation | cLIf | cStreamServer),
	"grpc_pass":                    take1(cLocation | cLIf),
	"uwsgi_pass":                   take1(cLocation | cLIf),
	"proxy_ssl":                    flag(streamTLS),
	"proxy_protocol":               flag(streamTLS),
	"set":                          {where: cServer | cLocation | cSIf | cLIf | cStream | cStreamServer, min: 2, max: 2, multi: true},
	"listen":                       {where: cServer | cStreamServer | cMailServer, min: 1, max: -1, multi: true},
	"server_name":                  {where: cServer | cStreamServer | cMail | cMailServer, min: 1, max: -1, multi: true},
	"include":                      {where: ^ctx(0), min: 1, max: 1, multi: true},
	"upstream":                     take1(cHTTP | cStream),
	"ssl_certificate_cache":        {where: httpTLS | streamTLS, min: 1, max: 3},
	"ssl_key_log":                  take1(httpTLS | streamTLS),
	"ssl_ech_file":                 {where: httpTLS | streamTLS, min: 1, max: 1, multi: true},
	"ssl_engine":                   take1(cMain),
	"ssl_object_cache_inheritable": flag(cMain),
}

// upstreamSSL lists the <prefix>_ssl_* directives (prefix proxy, grpc,
// uwsgi), allowed in http, server and location — and for proxy, in stream.
var upstreamSSL = map[string]spec{
	"ssl_protocols":           {min: 1, max: -1, values: protocolValues},
	"ssl_ciphers":             {min: 1, max: 1},
	"ssl_server_name":         {min: 1, max: 1, flag: true},
	"ssl_name":                {min: 1, max: 1},
	"ssl_verify":              {min: 1, max: 1, flag: true},
	"ssl_verify_depth":        {min: 1, max: 1},
	"ssl_trusted_certificate": {min: 1, max: 1},
	"ssl_certificate":         {min: 1, max: 1},
	"ssl_certificate_key":     {min: 1, max: 1},
	"ssl_session_reuse":       {min: 1, max: 1, flag: true},
	"ssl_conf_command":        {min: 2, max: 2, multi: true},
	"ssl_crl":                 {min: 1, max: 1},
	"ssl_password_file":       {min: 1, max: 1},
	"ssl_certificate_cache":   {min: 1, max: 3},
	"ssl_key_log":             {min: 1, max: 1},
}

// lookupSpec returns the spec of a modelled directive.
func lookupSpec(name string) (spec, bool) {
	if s, ok := specs[name]; ok {
		return s, true
	}
	for _, p := range []string{"proxy_", "grpc_", "uwsgi_"} {
		if rest, ok := strings.CutPrefix(name, p); ok {
			if s, ok := upstreamSSL[rest]; ok {
				s.where = httpUp
				if p == "proxy_" {
					s.where |= streamTLS
				}
				return s, true
			}
		}
	}
	return spec{}, false
}

// isListenerTLS reports whether a directive configures the TLS server side
// (for TL213: ssl_* written in a server that serves no TLS).
// ssl_preread reads the ClientHello of TLS passed through, on plain stream
// servers: not a TLS-terminating setting.
func isListenerTLS(name string) bool {
	switch name {
	case "ssl_engine", "ssl_object_cache_inheritable", "ssl_preread":
		return false
	}
	return strings.HasPrefix(name, "ssl_")
}
