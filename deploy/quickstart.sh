#!/usr/bin/env bash
# The jaring quickstart. Sets up what is missing, builds in release mode and walks through the
# offline part of jaring: two RSO root keys and three agencies, a directory signed 2-of-2, a
# compound-relocation alert sealed to two agencies and opened by each, and refused (with its
# error code) to the third. Everything lives in .quickstart/ under the repository, made afresh
# on every run. `deploy/quickstart.sh stop` stops anything a run left behind.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/.quickstart

if [ "${1:-}" = "stop" ]; then
  # The offline walk-through starts no processes; this is here so the command is stable.
  echo "nothing is running: the offline walk-through starts no processes"
  exit 0
fi

eval "$(deploy/setup.sh)"
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
echo "== building jaring (release)"
cargo build --release --quiet -p jaring-cli
J=$ROOT/target/release/jaring

rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK"
step() { printf '\n== %s\n' "$*"; }

step "RSO: two root officers each make a root key (each on their own machine in real life)"
$J keygen --agency RSO-ROOT-1 --out roots
$J keygen --agency RSO-ROOT-2 --out roots

step "Three agencies make their keys and hand the public halves to the RSO"
$J keygen --agency TH-RTP --out agencies/TH-RTP
$J keygen --agency ID-KEMLU-PNH --out agencies/ID-KEMLU-PNH
$J keygen --agency PH-DFA --out agencies/PH-DFA

step "RSO: the trust file every node pins (2 of 2 roots must sign a directory)"
$J trust init --network bali-rso --threshold 2 \
  --root roots/RSO-ROOT-1.pub.json --root roots/RSO-ROOT-2.pub.json --out trust.json

step "RSO: the directory of member agencies"
$J directory add --body directory-body.json --network bali-rso --pub agencies/TH-RTP/TH-RTP.pub.json \
  --name "Royal Thai Police, Anti-Human Trafficking Division" --country TH --role law-enforcement
$J directory add --body directory-body.json --network bali-rso --pub agencies/ID-KEMLU-PNH/ID-KEMLU-PNH.pub.json \
  --name "Embassy of Indonesia, Phnom Penh" --country ID --role consular
$J directory add --body directory-body.json --network bali-rso --pub agencies/PH-DFA/PH-DFA.pub.json \
  --name "Philippine Department of Foreign Affairs" --country PH --role consular

step "RSO: the signing ceremony, one root at a time"
$J directory sign --body directory-body.json --serial 1 --root-key roots/RSO-ROOT-1.key.json --out directory.json
if $J directory verify --trust trust.json directory.json >/dev/null 2>&1; then
  echo "UNEXPECTED: one signature was accepted"; exit 1
else
  echo "with one signature the directory is refused, as it should be"
fi
$J directory sign --in directory.json --root-key roots/RSO-ROOT-2.key.json --out directory.json
$J directory verify --trust trust.json directory.json

step "Royal Thai Police: a compound moved from Myawaddy (MM) to O'Smach (KH); alert ID-KEMLU-PNH and PH-DFA"
cat > alert.json <<'JSON'
{"compound": {"name": "Golden Fortune annex", "aliases": ["GF-2"]},
 "from": {"country": "MM", "name": "Myawaddy", "lat": 16.69, "lon": 98.51},
 "to": {"country": "KH", "name": "O'Smach", "lat": 14.42, "lon": 103.68},
 "observed_at": "2026-11-20T06:00:00Z", "source_reliability": "B", "info_credibility": "2",
 "estimated_persons": 350, "nationalities": ["ID", "PH", "VN"],
 "indicators": [{"type": "domain", "value": "gf-invest.example"}],
 "narrative": "Convoy of four buses seen crossing at night; workers moved under guard."}
JSON
$J envelope seal --key agencies/TH-RTP/TH-RTP.key.json --trust trust.json --directory directory.json \
  --kind compound-relocation-alert --to ID-KEMLU-PNH,PH-DFA --tlp AMBER --body alert.json > alert.envelope.json
echo "sealed $(wc -c < alert.envelope.json) bytes: signed by TH-RTP, encrypted to ID-KEMLU-PNH and PH-DFA"

for agency in ID-KEMLU-PNH PH-DFA; do
  step "$agency opens it"
  $J envelope open --key agencies/$agency/$agency.key.json --trust trust.json --directory directory.json alert.envelope.json \
    > "opened-by-$agency.json"
  python3 - "opened-by-$agency.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
h, b = m["header"], m["body"]
print("verified: %s %s from %s, TLP %s" % (h["kind"], h["id"], h["sender"], h["tlp"]))
print("  %s: %s (%s) -> %s (%s), about %s people" % (b["compound"]["name"], b["from"]["name"],
      b["from"]["country"], b["to"]["name"], b["to"]["country"], b.get("estimated_persons", "?")))
PY
done

step "TH-RTP itself is not a recipient: the envelope is refused with its error code"
set +e
$J envelope open --key agencies/TH-RTP/TH-RTP.key.json --trust trust.json --directory directory.json alert.envelope.json
status=$?
set -e
echo "exit status $status"
[ "$status" = 3 ] || { echo "UNEXPECTED exit status"; exit 1; }

step "A tampered copy (TLP changed after signing) is refused too"
python3 - <<'PY' > tampered.envelope.json
import base64, json
e = json.load(open("alert.envelope.json"))
pad = lambda s: s + "=" * (-len(s) % 4)
h = json.loads(base64.urlsafe_b64decode(pad(e["header"])))
h["tlp"] = "CLEAR"
e["header"] = base64.urlsafe_b64encode(json.dumps(h, separators=(",", ":")).encode()).decode().rstrip("=")
print(json.dumps(e))
PY
set +e
$J envelope open --key agencies/PH-DFA/PH-DFA.key.json --trust trust.json --directory directory.json tampered.envelope.json
set -e

printf '\nDone. Files are in %s\n' "$WORK"
