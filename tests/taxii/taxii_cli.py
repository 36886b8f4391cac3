"""What the TAXII check scripts share: a failure that ends the run with one line, and the
main that turns a run into JSON on stdout or that line on stderr (never a traceback)."""

import json
import logging
import sys


class Fail(Exception):
    pass


def fail(msg):
    raise Fail(msg)


def run_main(name, parse_args, run, argv=None):
    """Runs `run(parse_args(argv))`: its result as JSON on stdout and 0, or `name: reason` on
    stderr and 1."""
    a = parse_args(sys.argv[1:] if argv is None else argv)
    logging.getLogger("taxii2client").setLevel(logging.ERROR)
    try:
        out = run(a)
    except Fail as e:
        msg = str(e)
    except Exception as e:  # taxii2-client, requests, JSON, OS: one line, never a traceback
        msg = "%s: %s" % (type(e).__name__, e)
    else:
        print(json.dumps(out))
        return 0
    print(name + ": " + " ".join(msg.split()), file=sys.stderr)
    return 1
