#!/usr/bin/env bash
# install-test.sh: follows the README's "Installing on a Linux server: the
# operator's guide" literally on this machine, then plays a night and
# checks that the firm can use what it gives.
#
# Every shell block of the README marked <!-- install-test: run --> is run
# as root with bash -eu, in order, from the checkout; a block marked
# <!-- install-test: packages --> has its package names checked (apt-cache),
# not installed; one marked <!-- install-test: run-if CMD --> is run only
# when CMD succeeds (a command of a newer or older cecbatch), and says so
# when it is skipped. So a command changed in the README is the command
# tested, and a block lost or renamed fails the count below.
#
# Needs root on Debian or Ubuntu (CI: .ci/run on a fresh Debian 12). It
# runs in a private mount namespace (unshare): /etc is a copy, and /srv,
# /home, /usr/local/bin, /usr/local/sbin, /var/log, /var/backups and
# /var/spool/cron are memory file systems, so the accounts, folders,
# units and files it makes vanish when it ends. It does not start
# systemd, cron or Samba: it checks their files (systemd-analyze,
# testparm) and runs their commands as the account they name.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
if [ "$(id -u)" != 0 ]; then
	echo "install-test: needs root: it creates accounts and folders (in a private mount namespace)" >&2
	exit 2
fi
if [ "${CECBATCH_INSTALL_TEST_NS:-}" != 1 ]; then
	exec unshare --mount --propagation private env CECBATCH_INSTALL_TEST_NS=1 bash "$0" "$@"
fi

scratch=$(mktemp -d /tmp/cecbatch-install-test.XXXXXX)
trap 'cd /; rm -rf "$scratch"' EXIT
chmod 0711 "$scratch"
cp -a /etc "$scratch/etc"
mount --bind "$scratch/etc" /etc
for d in /srv /home /usr/local/bin /usr/local/sbin /var/log /var/backups /var/spool/cron; do
	mkdir -p "$d"
	mount -t tmpfs -o mode=0755 tmpfs "$d"
done
# PATH as root's login shell has it, whatever the caller's.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$(dirname "$(command -v go)")

fails=0
ok() { echo "ok    $1"; }
bad() { echo "FAIL  $1"; fails=$((fails + 1)); }
check() { # check DESCRIPTION COMMAND...: passes if COMMAND succeeds
	local what=$1
	shift
	if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi
}
refuse() { # refuse DESCRIPTION COMMAND...: passes if COMMAND fails
	local what=$1
	shift
	if "$@" >/dev/null 2>&1; then bad "$what"; else ok "$what"; fi
}

# The README's blocks, each in its own file: NN.kind (and NN.cond).
blocks=$scratch/blocks
mkdir "$blocks"
awk -v dir="$blocks" '
	/^<!-- install-test: / {
		marker = $0
		sub(/^<!-- install-test: /, "", marker); sub(/ -->$/, "", marker)
		split(marker, w, " ")
		kind = w[1]; cond = marker; sub(/^[^ ]+ ?/, "", cond)
		want = 1; next
	}
	want && /^```sh$/ {
		n++; file = sprintf("%s/%02d.%s", dir, n, kind)
		if (cond != "") { printf "%s\n", cond > (file ".cond"); close(file ".cond") }
		inblock = 1; want = 0; next
	}
	inblock && /^```$/ { inblock = 0; close(file); next }
	inblock { print > file; next }
	{ want = 0 }
' "$repo/README.md"

count=$(find "$blocks" -name '[0-9][0-9].*' ! -name '*.cond' | wc -l)
if [ "$count" -lt 15 ]; then
	echo "install-test: found $count marked blocks in README.md, want 15: a block lost its marker" >&2
	exit 1
fi
echo "== $count blocks of the README's operator's guide"

cd "$repo"
for file in $(find "$blocks" -name '[0-9][0-9].*' ! -name '*.cond' | sort); do
	kind=${file##*.}
	echo "-- README block $(basename "$file"):"
	sed 's/^/   | /' "$file"
	case $kind in
	run)
		bash -eu "$file" || { echo "install-test: the README block $(basename "$file") failed" >&2; exit 1; }
		;;
	run-if)
		cond=$(cat "$file.cond")
		if bash -c "$cond" >/dev/null 2>&1; then
			bash -eu "$file" || { echo "install-test: the README block $(basename "$file") failed" >&2; exit 1; }
		else
			echo "   SKIPPED: this cecbatch fails \`$cond\` (a command it does not have)"
		fi
		;;
	packages)
		for pkg in $(sed -n 's/.*apt-get install -y //p' "$file"); do
			check "package $pkg exists in the archive" apt-cache show "$pkg"
		done
		;;
	*)
		echo "install-test: unknown marker kind $kind" >&2
		exit 1
		;;
	esac
done

echo "== what the guide set up"
check "cecbatch is installed and runs" /usr/local/bin/cecbatch version
check "the cecbatch account's primary group is cecusers" test "$(id -gn cecbatch)" = cecusers
for who in paula leo; do
	check "$who is in cecusers" sh -c "id -nG $who | tr ' ' '\n' | grep -qx cecusers"
done
mode() { stat -c '%U:%G %a' "$1"; }
check "/srv/cecbatch is root:cecusers 750" test "$(mode /srv/cecbatch)" = "root:cecusers 750"
check "inbox is cecbatch:cecusers 2770" test "$(mode /srv/cecbatch/inbox)" = "cecbatch:cecusers 2770"
for d in out archive quarantine; do
	check "$d is cecbatch:cecusers 2750" test "$(mode /srv/cecbatch/$d)" = "cecbatch:cecusers 2750"
done
check "the config is root:cecusers 640" test "$(mode /etc/cecbatch/cecbatch.yaml)" = "root:cecusers 640"
check "testparm reads the shares" sh -c "testparm -s 2>/dev/null | grep -q '^\[intake\]' && testparm -s 2>/dev/null | grep -q 'force group = cecusers'"
oncalendar=$(sed -n 's/^OnCalendar=//p' /etc/systemd/system/cecbatch.timer)
check "the timer's calendar ($oncalendar) parses, with its zone" systemd-analyze calendar "$oncalendar"

echo "== a night: paula drops a workbook and a CSV; the nightly run starts as the unit says"
install -d -m 0755 "$scratch/pub"
install -m 0644 "$repo/samples/intake-week-47.xlsx" "$scratch/pub/week.xlsx"
printf 'Client ID,Family Name\nX-1,Doe\n' > "$scratch/pub/notes.csv"
chmod 0644 "$scratch/pub/notes.csv"
# Files saved a minute ago or more are taken (min_age); Samba's masks give them 0660.
check "paula drops a workbook in the inbox" runuser -u paula -- sh -c "umask 0007 && cp '$scratch/pub/week.xlsx' '$scratch/pub/notes.csv' /srv/cecbatch/inbox/ && touch -d '2 minutes ago' /srv/cecbatch/inbox/week.xlsx /srv/cecbatch/inbox/notes.csv"
check "what paula dropped belongs to the group" test "$(stat -c %G /srv/cecbatch/inbox/week.xlsx)" = cecusers

unit=/etc/systemd/system/cecbatch.service
key() { sed -n "s/^$1=//p" "$unit" | tail -n 1; }
user=$(key User) group=$(key Group) umask=$(key UMask) workdir=$(key WorkingDirectory) exec=$(key ExecStart)
echo "   as $user:$group, umask $umask, in $workdir: $exec"
set +e
(cd "$workdir" && umask "$umask" && setpriv --reuid="$user" --regid="$group" --init-groups -- env -i PATH=/usr/bin:/bin HOME="$workdir" $exec) >"$scratch/run.out" 2>"$scratch/run.err"
code=$?
set -e
sed 's/^/   stderr | /' "$scratch/run.err"
run=$(tail -n 1 "$scratch/run.out")
if [ "$code" = 1 ] && [ -d "$run" ]; then ok "the run exits 1 (the CSV quarantined) and prints its folder $run"; else bad "the run exited $code, printed '$run'"; fi
check "the workbook is archived, cecbatch:cecusers 640" test "$(mode /srv/cecbatch/archive/week.xlsx)" = "cecbatch:cecusers 640"
check "the run folder is cecbatch:cecusers 750" test "$(mode "$run")" = "cecbatch:cecusers 750"
check "the opinions folder belongs to the group" test "$(stat -c %G "$run/opinions")" = cecusers
check "the run's state is private (700)" test "$(mode /srv/cecbatch/out/.cecbatch-state)" = "cecbatch:cecusers 700"

echo "== the morning: leo reads the opinions, paula the quarantine report"
check "leo lists the night's opinions" runuser -u leo -- sh -c "ls '$run/opinions/' | grep -q 'CEC-opinion.pdf'"
check "leo opens every opinion" runuser -u leo -- sh -c "cat '$run'/opinions/*.pdf >/dev/null"
check "leo opens the summary" runuser -u leo -- sh -c "cat '$run/summary.xlsx' >/dev/null"
check "paula reads the quarantine report" runuser -u paula -- grep -q "text file" /srv/cecbatch/quarantine/notes.csv.report.txt
check "paula reads the archived workbook" runuser -u paula -- sh -c "cat /srv/cecbatch/archive/week.xlsx >/dev/null"
refuse "leo cannot write in the night's folder" runuser -u leo -- touch "$run/x"
refuse "leo cannot add to out" runuser -u leo -- mkdir /srv/cecbatch/out/x
refuse "paula cannot add to /srv/cecbatch (no folder can be replaced by a link)" runuser -u paula -- mkdir /srv/cecbatch/x
refuse "paula cannot read the run's state" runuser -u paula -- ls /srv/cecbatch/out/.cecbatch-state
refuse "paula cannot change the config" runuser -u paula -- sh -c "echo x >> /etc/cecbatch/cecbatch.yaml"
refuse "paula cannot delete from the quarantine" runuser -u paula -- rm -f /srv/cecbatch/quarantine/notes.csv

echo "== the cron line, as its account"
cronfile=/etc/cron.d/cecbatch
line=$(grep -Ev '^[[:space:]]*(#|$|[A-Za-z_]+=)' "$cronfile")
cronuser=$(echo "$line" | awk '{print $6}')
croncmd=$(echo "$line" | cut -d' ' -f7-)
cronpath=$(sed -n 's/^PATH=//p' "$cronfile")
check "the cron line names 5 time fields, an account and a command" test -n "$croncmd" -a "$cronuser" = cecbatch
check "its account exists" id "$cronuser"
set +e
(cd "$(getent passwd "$cronuser" | cut -d: -f6)" && setpriv --reuid="$cronuser" --regid="$(id -gn "$cronuser")" --init-groups -- env -i PATH="$cronpath" SHELL=/bin/sh /bin/sh -c "$croncmd") >"$scratch/cron.out" 2>&1
code=$?
set -e
# The inbox is empty now, but the register holds the night's open clients:
# the morning's mail is the digest, then the folder of the night (Changes,
# Agenda, calendar); with no open client it would print nothing, so no mail.
if [ "$code" = 0 ] && grep -q '^Open clients: [1-9]' "$scratch/cron.out" && [ -d "$(tail -n 1 "$scratch/cron.out")" ]; then
	ok "the cron command runs and prints the digest of the open clients, then its folder"
else
	bad "the cron command: exit $code: $(cat "$scratch/cron.out")"
fi
check "the cron mail names no client, only Client IDs" sh -c "! grep -q -e 'Nguy' -e '1996-03-14' '$scratch/cron.out'"
check "the cron log is the account's" test "$(stat -c %U /var/log/cecbatch/cecbatch.log)" = cecbatch
if command -v logrotate >/dev/null; then
	check "logrotate reads its file" logrotate -d /etc/logrotate.d/cecbatch
fi

echo "== the mail of a night"
install -d -m 0755 "$scratch/bin"
cat > "$scratch/bin/sendmail" <<EOF
#!/bin/sh
cat > "$scratch/mail.txt"
EOF
chmod 0755 "$scratch/bin/sendmail"
(set -a && . /etc/default/cecbatch && PATH="$scratch/bin:$PATH" /usr/local/sbin/cecbatch-mail cecbatch.service) >/dev/null 2>&1 || true
check "cecbatch-mail sends to MAILTO" grep -q '^To: it@example.com' "$scratch/mail.txt"
check "its subject names the exit status" grep -q '^Subject: cecbatch on .*: exit' "$scratch/mail.txt"

echo "== the backup holds the night"
bash -eu "$(grep -l 'tar -C / -czf' "$blocks"/*.run)"
check "the backup archive holds the run folder and the archive" sh -c "tar -tzf /var/backups/cecbatch/cecbatch-*.tar.gz | grep -q 'srv/cecbatch/archive/week.xlsx'"
if [ -e /srv/cecbatch/out/register.db ]; then
	bash -eu "$(grep -l 'cecbatch register backup' "$blocks"/*.run-if)"
	check "the register's copy is a whole SQLite database" /usr/bin/python3 -c "import glob, sqlite3, sys; p = glob.glob('/var/backups/cecbatch/register-*.db'); sys.exit(len(p) != 1 or sqlite3.connect(p[0]).execute('pragma integrity_check').fetchone()[0] != 'ok')"
	check "it holds the night's clients" /usr/bin/python3 -c "import glob, sqlite3, sys; c = sqlite3.connect(glob.glob('/var/backups/cecbatch/register-*.db')[0]); sys.exit(c.execute('select count(*) from clients').fetchone()[0] == 0)"
else
	bad "the night left no register at /srv/cecbatch/out/register.db"
fi

if [ "$fails" -gt 0 ]; then
	echo "install-test: $fails checks failed" >&2
	exit 1
fi
echo "install-test: the README's operator's guide works on this machine"
