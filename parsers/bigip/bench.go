package bigip

import (
	"bytes"
	"fmt"
)

// GenerateBench writes a realistic bigip.conf with n HTTPS virtual servers,
// each with its own pool (two members and their nodes), client-ssl and
// server-ssl profiles, certificate and key objects, plus a few shared iRules
// and the intermediate certificate every chain names.
// The output is deterministic; addresses are literal IPs. It exists for
// benchmarks (the package's BenchmarkParse and `make bench`): about 110
// lines and 3.5 KiB per virtual server.
func GenerateBench(n int) []byte {
	var b bytes.Buffer
	b.Grow(n * 3600)
	b.WriteString("#TMSH-VERSION: 17.1.1\n\n")
	b.WriteString(`ltm rule /Common/proxy_protocol_v1 {
when CLIENT_ACCEPTED {
    # emit a PROXY v1 header towards the pool member
    set proxyheader "PROXY TCP[IP::version] [IP::remote_addr] [IP::local_addr] [TCP::remote_port] [TCP::local_port]\r\n"
}
when SERVER_CONNECTED {
    TCP::respond $proxyheader
}
}
ltm rule /Common/hsts {
when HTTP_RESPONSE {
    HTTP::header insert Strict-Transport-Security "max-age=31536000; includeSubDomains"
}
}
sys file ssl-cert /Common/intermediate-ca.crt {
    cache-path /config/filestore/files_d/Common_d/certificate_d/:Common:intermediate-ca.crt_99999_1
    revision 1
}
`)
	for i := 0; i < n; i++ {
		a, c := i/250, i%250+1
		vip := fmt.Sprintf("10.%d.%d.%d", 10+a/250, a%250, c)
		m1 := fmt.Sprintf("172.%d.%d.%d", 16+a/250, a%250, c)
		m2 := fmt.Sprintf("172.%d.%d.%d", 20+a/250, a%250, c)
		fmt.Fprintf(&b, `ltm node /Common/%[2]s {
    address %[2]s
}
ltm node /Common/%[3]s {
    address %[3]s
}
ltm pool /Common/app%05[1]d_pool {
    load-balancing-mode least-connections-member
    members {
        /Common/%[2]s:8443 {
            address %[2]s
        }
        /Common/%[3]s:8443 {
            address %[3]s
        }
    }
    monitor /Common/https
}
ltm profile client-ssl /Common/app%05[1]d_clientssl {
    app-service none
    cert-key-chain {
        app%05[1]d_rsa {
            cert /Common/app%05[1]d.example.com.crt
            chain /Common/intermediate-ca.crt
            key /Common/app%05[1]d.example.com.key
        }
    }
    ciphers ECDHE+AESGCM:ECDHE+CHACHA20:!SHA1
    defaults-from /Common/clientssl
    inherit-ca-certkeychain true
    inherit-certkeychain false
    options { dont-insert-empty-fragments no-tlsv1.3 no-tlsv1 no-tlsv1.1 }
    server-name app%05[1]d.example.com
    sni-default false
}
ltm profile server-ssl /Common/app%05[1]d_serverssl {
    app-service none
    ca-file /Common/ca-bundle.crt
    defaults-from /Common/serverssl
    peer-cert-mode require
    server-name app%05[1]d.internal.example.com
}
ltm virtual /Common/app%05[1]d_vs {
    creation-time 2024-05-02:10:11:12
    description "app %05[1]d \"production\""
    destination /Common/%[4]s:443
    ip-protocol tcp
    last-modified-time 2024-05-02:10:11:12
    mask 255.255.255.255
    pool /Common/app%05[1]d_pool
    profiles {
        /Common/app%05[1]d_clientssl {
            context clientside
        }
        /Common/app%05[1]d_serverssl {
            context serverside
        }
        /Common/http { }
        /Common/tcp { }
    }
    rules {
        /Common/hsts
    }
    serverssl-use-sni disabled
    source 0.0.0.0/0
    source-address-translation {
        type automap
    }
    translate-address enabled
    translate-port enabled
}
ltm virtual-address /Common/%[4]s {
    address %[4]s
    arp enabled
    mask 255.255.255.255
    traffic-group /Common/traffic-group-1
}
sys file ssl-cert /Common/app%05[1]d.example.com.crt {
    cache-path /config/filestore/files_d/Common_d/certificate_d/:Common:app%05[1]d.example.com.crt_%[5]d_1
    revision 1
}
sys file ssl-key /Common/app%05[1]d.example.com.key {
    cache-path /config/filestore/files_d/Common_d/certificate_key_d/:Common:app%05[1]d.example.com.key_%[6]d_1
    revision 1
}
`, i, m1, m2, vip, 100000+2*i, 100001+2*i)
	}
	return b.Bytes()
}
