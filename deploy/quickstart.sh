#!/usr/bin/env bash
# The jaring quickstart: a local multi-agency network on loopback.
#
# Sets up what is missing (Rust, python3-venv, the pinned nats-server 2.15.1 in .venv/), builds
# in release mode, then in .quickstart/: two RSO root keys and three agencies (the Royal Thai
# Police, the Indonesian embassy in Phnom Penh, the Philippine DFA), a directory signed 2-of-2,
# a TLS hub whose configuration is generated from the directory, three nodes, a compound-
# relocation alert and a victim referral (the Thai police and the Indonesian embassy have
# post-quantum X-Wing keys; the Thai node refuses a referral to the Philippines, which has none
# yet), users and roles (a referral refused to an admin
# without the caseworker role, then opened by a caseworker, both audited with the user's
# name), the referral accepted, what each agency sees, the delivery receipts, a node's metrics
# and the audit checks; each node serves its web console on loopback, with a login (password
# and TOTP secret in .quickstart/logins/, mode 0600). The network keeps running afterwards;
# `deploy/quickstart.sh stop` stops it. Running the script again starts afresh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/.quickstart
AGENCIES=(TH-RTP ID-KEMLU-PNH PH-DFA)

stop() {
  local stopped=0
  for pidfile in "$WORK"/run/*.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
      stopped=$((stopped + 1))
    fi
    rm -f "$pidfile"
  done
  echo "stopped $stopped process(es)"
}

if [ "${1:-}" = "stop" ]; then
  stop
  exit 0
fi
[ -d "$WORK/run" ] && stop >/dev/null

eval "$(deploy/setup.sh)"
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
echo "== building jaring and jaringd (release)"
cargo build --release --quiet -p jaring-cli -p jaring-node
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
J=$TARGET/release/jaring
JD=$TARGET/release/jaringd

rm -rf "$WORK" && mkdir -p "$WORK"/{run,logs} && cd "$WORK"
step() { printf '\n== %s\n' "$*"; }
wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local limit=$1 what=$2; shift 2
  for _ in $(seq 1 $((limit * 10))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "timed out waiting for $what" >&2; return 1
}
trap 'echo "the quickstart failed; logs are in $WORK/logs" >&2' ERR

step "RSO: root keys, trust file and a directory of three agencies, signed 2-of-2"
$J keygen --agency RSO-ROOT-1 --out roots >/dev/null
$J keygen --agency RSO-ROOT-2 --out roots >/dev/null
# The Thai police and the Indonesian embassy have post-quantum (X-Wing) keys as well: what is
# sent between them is wrapped with X-Wing. The Philippines has not added one yet.
for a in "${AGENCIES[@]}"; do
  pq=(); [ "$a" != PH-DFA ] && pq=(--pq)
  $J keygen --agency "$a" --out "agencies/$a" "${pq[@]}" >/dev/null
done
$J trust init --network bali-rso --threshold 2 --root roots/RSO-ROOT-1.pub.json --root roots/RSO-ROOT-2.pub.json --out trust.json
$J directory add --body directory-body.json --network bali-rso --pub agencies/TH-RTP/TH-RTP.pub.json \
  --name "Royal Thai Police, Anti-Human Trafficking Division" --country TH --role law-enforcement
$J directory add --body directory-body.json --network bali-rso --pub agencies/ID-KEMLU-PNH/ID-KEMLU-PNH.pub.json \
  --name "Embassy of Indonesia, Phnom Penh" --country ID --role consular
$J directory add --body directory-body.json --network bali-rso --pub agencies/PH-DFA/PH-DFA.pub.json \
  --name "Philippine Department of Foreign Affairs" --country PH --role consular
$J directory sign --body directory-body.json --serial 1 --root-key roots/RSO-ROOT-1.key.json --out directory.json
$J directory sign --in directory.json --root-key roots/RSO-ROOT-2.key.json --out directory.json
$J directory verify --trust trust.json directory.json

step "RSO: the hub (TLS, one user per agency with least privilege), generated from the directory"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$J hub dev-certs --out tls --directory directory.json
$J hub config --directory directory.json --trust trust.json --out hub --listen "127.0.0.1:$PORT" --tls-dir tls
"$NATS_SERVER_BIN" -c hub/nats-server.conf > logs/nats-server.log 2>&1 &
echo $! > run/nats-server.pid
wait_for 20 "nats-server on port $PORT" bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT"
$J hub provision --client-profile hub/clients/RSO-ADMIN.json --directory directory.json --trust trust.json

step "Each agency starts its node; its first user, \"ops\" (this local account), is its admin"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
METRICS_PORT=$(free_port)
TAXII_PORT=$(free_port)
declare -A CONSOLE
for a in "${AGENCIES[@]}"; do
  CONSOLE[$a]=$(free_port)
  $J node init --agency "$a" --key "agencies/$a/$a.key.json" --trust trust.json --directory directory.json \
    --directory-bucket jaring-directory --client-profile "hub/clients/$a.json" --data "nodes/$a" --out "nodes/$a.toml" \
    --admin ops --console "127.0.0.1:${CONSOLE[$a]}" >/dev/null
  # Checkpoint often, so that the audit check at the end has signed checkpoints to verify.
  printf '\n[audit]\ncheckpoint_every = 5\ncheckpoint_interval = "1s"\n' >> "nodes/$a.toml"
  if [ "$a" = TH-RTP ]; then printf '\n[metrics]\nlisten = "127.0.0.1:%s"\n' "$METRICS_PORT" >> "nodes/$a.toml"; fi
  # The Thai police send referrals under the post-quantum key wrap only.
  if [ "$a" = TH-RTP ]; then printf '\n[pq]\nrequire = ["victim-referral"]\n' >> "nodes/$a.toml"; fi
  # The Philippines' analysts pull what it receives into their platform over TAXII 2.1.
  if [ "$a" = PH-DFA ]; then printf '\n[taxii]\nlisten = "127.0.0.1:%s"\n' "$TAXII_PORT" >> "nodes/$a.toml"; fi
  "$JD" --config "nodes/$a.toml" > "logs/$a.log" 2>&1 &
  echo $! > "run/$a.pid"
done
for a in "${AGENCIES[@]}"; do
  wait_for 30 "the $a node" "$J" --config "nodes/$a.toml" status
  echo "$a: $($J --config "nodes/$a.toml" status | sed -n 2p | sed 's/  */ /g')"
done
TH="--config nodes/TH-RTP.toml"; ID="--config nodes/ID-KEMLU-PNH.toml"; PH="--config nodes/PH-DFA.toml"

step "Roles: each admin gives its account the roles its agency's work needs"
# One local account runs this walk-through, so each node's one user "ops" takes the roles its
# officers would hold; in an agency each person has an account and a user of their own
# (`jaring user add siti.rahayu --unix srahayu --role caseworker`).
$J $TH user set-roles ops --role admin --role auditor --role liaison --role caseworker
$J $ID user set-roles ops --role admin --role auditor
$J $PH user set-roles ops --role admin --role auditor --role liaison
$J $ID user list

step "Royal Thai Police: a compound moved from Myawaddy (MM) to O'Smach (KH); alert the two consulates"
ALERT=$($J $TH alert post --to ID-KEMLU-PNH,PH-DFA --compound "Golden Fortune annex" --alias GF-2 \
  --from "MM:Myawaddy@16.69,98.51" --to-place "KH:O'Smach@14.42,103.68" --reliability B --credibility 2 \
  --persons 350 --nationality ID --nationality PH --nationality VN --indicator domain=gf-invest.example \
  --narrative "Convoy of four buses seen crossing at night; workers moved under guard." --tlp AMBER)
echo "alert $ALERT"

step "Royal Thai Police: an Indonesian national identified in Mae Sot; refer her to her embassy"
REFERRAL=$($J $TH referral send --to ID-KEMLU-PNH --case-ref RTP-2026-0042 --nationality ID \
  --location "TH:Mae Sot" --consent --consent-scope share-with-consulate --need medical --need repatriation \
  --need interpretation --non-punishment --risk high --notes "Passport held by the compound.")
echo "referral $REFERRAL"

step "Royal Thai Police requires the post-quantum key wrap for referrals: one to PH-DFA (no X-Wing key) is refused, naming it"
if REFUSED=$($J $TH referral send --to PH-DFA --case-ref RTP-2026-0043 --nationality PH \
  --location "TH:Mae Sot" --consent --consent-scope share-with-consulate --need medical \
  --non-punishment --risk medium 2>&1); then
  echo "a referral went to an agency without an X-Wing key" >&2; exit 1
fi
echo "$REFUSED"
echo "$REFUSED" | grep -q "PH-DFA"

wait_for 20 "the alert at PH-DFA" bash -c "$J $PH inbox | grep -q $ALERT"
wait_for 20 "the referral at ID-KEMLU-PNH" bash -c "$J $ID inbox | grep -q $REFERRAL"
for a in "${AGENCIES[@]}"; do
  step "$a's inbox"
  $J --config "nodes/$a.toml" inbox
done

step "Philippine DFA opens the alert (verified, decrypted, audited as viewed)"
$J $PH show "$ALERT" | head -12
step "Indonesian embassy: its admin (no caseworker role) is refused the referral; audited as denied"
if $J $ID show "$REFERRAL" 2>&1; then echo "an admin without the caseworker role read a referral" >&2; exit 1; fi
$J $ID user set-roles ops --role admin --role auditor --role caseworker
step "Indonesian embassy: as caseworker it opens the referral and accepts it"
$J $ID show "$REFERRAL" | head -8
$J $ID referral status "$REFERRAL" --set accepted --note "consular officer assigned" >/dev/null
wait_for 20 "the status at TH-RTP" bash -c "$J $TH show $REFERRAL --json | grep -q '\"status\":\"accepted\"'"
wait_for 20 "the receipts at TH-RTP" bash -c "! $J $TH show $ALERT | grep -q pending"

step "Royal Thai Police sees the referral accepted, and a delivery receipt from each recipient"
$J $TH show "$REFERRAL" | sed -n '/^referral:/,$p'
$J $TH show "$ALERT" | sed -n '/^delivery:/,$p'

step "Indonesian embassy (auditor): who asked for the referral, and who opened it"
$J $ID audit show --message "$REFERRAL"

step "Royal Thai Police: a few of its node's metrics (Prometheus, on 127.0.0.1:$METRICS_PORT)"
python3 -c "import urllib.request,sys; t=urllib.request.urlopen('http://127.0.0.1:$METRICS_PORT/metrics', timeout=5).read().decode(); print('\n'.join(l for l in t.splitlines() if l.startswith(('jaring_messages_sent_total', 'jaring_deliveries', 'jaring_directory_serial'))))"

step "Audit logs: each node's log verifies against its signed checkpoints"
for a in "${AGENCIES[@]}"; do
  wait_for 20 "a checkpoint of $a" test -s "nodes/$a/checkpoints.jsonl"
done
for a in "${AGENCIES[@]}"; do
  printf '%-14s ' "$a"
  $J --config "nodes/$a.toml" audit verify
done

step "Web consoles: one person per agency with a console login (password and TOTP)"
# Each officer is a user of their node; their console password and TOTP secret are written
# under logins/ (0600), as an admin would hand them over in person.
mkdir -p logins && chmod 700 logins
declare -A PERSON=([TH-RTP]=somchai [ID-KEMLU-PNH]=ayu [PH-DFA]=maria)
for a in "${AGENCIES[@]}"; do
  who=${PERSON[$a]}
  $J --config "nodes/$a.toml" user add "$who" --unix "$who-console" --role liaison --role caseworker >/dev/null
  password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(15))')
  answer=$(printf '%s\n' "$password" | $J --config "nodes/$a.toml" user passwd "$who" --totp --json)
  secret=$(printf '%s' "$answer" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totp_secret"])')
  (umask 077
   printf '%s\n' "$secret" > "logins/$a-$who.totp"
   printf 'console:  http://127.0.0.1:%s/\nuser:     %s\npassword: %s\ntotp:     %s\ncode now: %s user totp-code --secret-file %s\n' \
     "${CONSOLE[$a]}" "$who" "$password" "$secret" "$J" "$WORK/logins/$a-$who.totp" > "logins/$a.txt")
  wait_for 20 "the $a console" python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:${CONSOLE[$a]}/login', timeout=2)"
done
for a in "${AGENCIES[@]}"; do
  printf '%-14s http://127.0.0.1:%s/   user %-8s  (password and TOTP secret: %s)\n' \
    "$a" "${CONSOLE[$a]}" "${PERSON[$a]}" "$WORK/logins/$a.txt"
done

step "TAXII 2.1: the Philippines' feed, as its analysts' OpenCTI or MISP reads it (STIX 2.1, never a referral)"
$J $PH user add opencti --unix opencti-svc --role feed >/dev/null
feed_password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(15))')
printf '%s\n' "$feed_password" | $J $PH user passwd opencti >/dev/null
(umask 077; printf 'taxii:    http://127.0.0.1:%s/taxii2/\nuser:     opencti\npassword: %s\n' "$TAXII_PORT" "$feed_password" > logins/PH-DFA-taxii.txt)
FEED_PASSWORD="$feed_password" python3 - "$TAXII_PORT" <<'PY'
import base64, json, os, sys, urllib.request
root = "http://127.0.0.1:%s/taxii2/jaring/" % sys.argv[1]
auth = base64.b64encode(("opencti:" + os.environ["FEED_PASSWORD"]).encode()).decode()
def get(url):
    req = urllib.request.Request(url, headers={"Accept": "application/taxii+json;version=2.1", "Authorization": "Basic " + auth})
    return json.load(urllib.request.urlopen(req, timeout=10))
for c in get(root + "collections/")["collections"]:
    objs = get(root + "collections/%s/objects/?limit=1000" % c["id"]).get("objects", [])
    kinds = sorted({o["type"] for o in objs})
    print("  %-18s %3d objects  %s" % (c["alias"], len(objs), ", ".join(kinds)))
PY
$J $PH stix export --out stix-PH-DFA.json

printf '\nThe network is running (logs in %s/logs). Try:\n' "$WORK"
printf '  %s --config %s/nodes/PH-DFA.toml inbox\n' "$J" "$WORK"
printf '  open a console above in a browser; the current TOTP code of a login:\n'
printf '  %s user totp-code --secret-file %s/logins/TH-RTP-somchai.totp\n' "$J" "$WORK"
printf '  the TAXII feed of PH-DFA (a STIX 2.1 reader): see %s/logins/PH-DFA-taxii.txt\n' "$WORK"
printf 'Stop it with: deploy/quickstart.sh stop\n'
