/** `aup serve --help`, apart from the server so that other commands do not load it. */
export const SERVE_HELP = `aup serve — the report server and ICT inbox (and the policy bundle for devices)

Usage: aup serve [options]

With no options it runs for development: reports in .aup-data/reports.sqlite, mail written to
this console, a random report token and admin password made once and kept in
.aup-data/development-secrets.json (printed at start). Give every secret explicitly in production.

Options:
  --host ADDR               address to listen on (default: 127.0.0.1)
  --port N                  port (default: 8081; 0 picks a free one)
  --bundle DIR              signed bundle folder served at /policy/ (default: dist/policy when it
                            exists); its policy says which categories are sensitive and gives the
                            helpdesk address. Without it every category counts as sensitive.
  --data DIR                folder for reports.sqlite: reports, acceptances and device check-ins
                            (default: .aup-data)
  --store sqlite|none       where reports, acceptances and check-ins go (default: sqlite).
                            none keeps nothing and answers as if stored: only for the
                            benchmark's baseline
  --report-token-file FILE  the deployment token devices send (managed config reportToken);
                            or the environment variable AUP_REPORT_TOKEN
  --admin-password-file FILE
                            password or token for the ICT inbox; or AUP_ADMIN_PASSWORD
  --smtp URL                ICT's mail server, e.g. smtps://user:pass@mail.example.gov.uk:465
                            (or AUP_SMTP_URL, which keeps the password off the command line);
                            without it mail is written to this console, not sent
  --mail-from ADDR          sender of the emails (default: AUP Guard <aup-guard@localhost>)
  --helpdesk-email ADDR     send helpdesk mail here instead of the policy's help.helpdesk.email
  --webhook URL             also POST each report as JSON to this address (a helpdesk system)
  --rate-limit N            reports, acceptances and check-ins (together) per minute per client
                            address, bursts of up to N/2 more (default: 60; 0 turns the limit off)
  --trusted-proxy ADDR      the address of ICT's reverse proxy (repeat for several): its
                            X-Forwarded-For then names the client for the rate limits
  --checkin-retention-days N
                            keep device check-in history N days (default: 90), and at most the
                            newest 100 per device; a device silent for N days leaves the fleet page
  --retry-seconds N         first retry of a failed email or webhook (default: 30), doubling to
                            an hour at most; retried until delivered
  --tls-cert FILE --tls-key FILE
                            serve HTTPS (otherwise plain HTTP: put it behind ICT's TLS proxy,
                            as the inbox's cookies are Secure)
  -h, --help                this help

Routes: GET /policy/… (the bundle, with ETag and compression), POST /api/reports,
POST /api/acceptances (AUP acceptances: the same token and rate limit as reports, nobody
emailed), POST /api/checkins (device check-ins: the policy in force and the posture findings,
never URLs; the same token and rate limit), /inbox (ICT inbox: reports, acceptances per AUP
version and person at /inbox/acceptances, fleet status at /inbox/fleet; English, or Welsh when
the browser prefers it). Stop with Ctrl+C.`;
