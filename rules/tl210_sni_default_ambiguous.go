package rules

import (
	"github.com/tlslint/tlslint/lint/offer"

	"github.com/tlslint/tlslint/lint"
	"github.com/tlslint/tlslint/lint/clients"
)

func init() {
	lint.Register(&lint.Rule{Meta: lint.Meta{
		ID: "TL210", Name: "sni-default-ambiguous", Severity: lint.Warning,
		Formats: []lint.Product{lint.Nginx, lint.BigIP, lint.AS3},
		Summary: "several TLS sites share an address:port and clients without SNI (present in the population) get an arbitrary or wrong certificate; BIG-IP: several client-ssl profiles on one virtual without exactly one sni-default true",
		Why: "A client that sends no server_name gets the default server's certificate (nginx: default_server, " +
			"else the first server on the socket) whatever site it wanted: a name mismatch for every other " +
			"site. BIG-IP picks the profile marked sni-default; with none or several, the choice is arbitrary " +
			"or the configuration is refused.",
		Example: "server { listen 443 ssl; server_name a.example.com; ... }\nserver { listen 443 ssl; server_name b.example.com; ... }   # with --clients old",
		Fix:     "Serve one certificate that covers every name on the socket, give SNI-less clients their own address, or mark exactly one profile sni-default true.",
	}, Check: checkTL210})
}

func checkTL210(p *lint.Pass) {
	var noSNI []*clients.Client
	for _, c := range offer.Of(p).Population() {
		if !c.SNI {
			noSNI = append(noSNI, c)
		}
	}
	for _, s := range p.Model.Sockets {
		if !s.TLS || s.Network == "udp" || s.Default == nil {
			continue
		}
		var sites []*lint.Listener
		seen := map[*lint.Listener]bool{}
		for _, b := range s.Binds {
			l := b.Listener
			if !seen[l] && !l.RejectHandshake.Value && (len(l.Certs) > 0 || l.Product != lint.Nginx) {
				seen[l] = true
				sites = append(sites, l)
			}
		}
		if len(sites) < 2 {
			continue
		}
		def := s.Default.Listener
		if def.Product != lint.Nginx {
			// BIG-IP: per virtual server (two virtuals may share an
			// address:port, told apart by VLAN or source)
			byVirtual := map[string][]*lint.Listener{}
			var order []string
			for _, l := range sites {
				if _, ok := byVirtual[l.Subject]; !ok {
					order = append(order, l.Subject)
				}
				byVirtual[l.Subject] = append(byVirtual[l.Subject], l)
			}
			for _, v := range order {
				if len(byVirtual[v]) > 1 {
					checkBigIPSNIDefault(p, byVirtual[v])
				}
			}
			continue
		}
		if len(noSNI) == 0 || def.Kind != lint.KindHTTP {
			continue
		}
		f := lint.Finding{Pos: s.Default.Pos, Subject: def.Subject,
			Msg: lint.Msgf("%d TLS sites share %s: clients of %s without SNI (%s) always get the certificate of the socket's default, %s: a name mismatch for the other %d sites",
				len(sites), lint.HostPort(s.Addr, s.Port), populationName(p.Target), clientNames(noSNI), def.Subject, len(sites)-1)}
		for _, l := range sites {
			if l != def {
				f.Related = append(f.Related, lint.Related{Pos: l.Pos, Msg: lint.Msgf("also on this socket: %s", l.Subject)})
			}
		}
		p.Report(f)
	}
}

func checkBigIPSNIDefault(p *lint.Pass, sites []*lint.Listener) {
	var defaults []*lint.Listener
	for _, l := range sites {
		if l.SNIDefault.Value {
			defaults = append(defaults, l)
		}
	}
	if len(defaults) == 1 {
		return
	}
	first := sites[0]
	msg := lint.Msgf("%d client-ssl profiles on %s and none is sni-default true: clients without SNI get an arbitrary profile's certificate", len(sites), first.Subject)
	if len(defaults) > 1 {
		msg = lint.Msgf("%d client-ssl profiles on %s are sni-default true: exactly one may be, BIG-IP refuses the virtual", len(defaults), first.Subject)
	}
	f := lint.Finding{Pos: first.Pos, Subject: first.Subject, Msg: msg}
	for _, l := range sites {
		f.Related = append(f.Related, lint.Related{Pos: l.ProfilePos, Msg: lint.Msgf("client-ssl profile %s", l.Profile)})
	}
	p.Report(f)
}
