/**
 * The shell script the init-password Job runs (`bash <script> <fe-host> <fe-query-port>`, new
 * password in `$INIT_PWD`).
 *
 * - Waits until the FE answers on its MySQL port (up to 60 attempts, 5 seconds apart).
 * - Logs in as `root` without a password and sets the password.
 * - Succeeds when root already needs a password: either the new one (an earlier run set it) or
 *   another one (someone changed it since; retrying would not help).
 * - Fails (non-zero exit, so the Job retries) when the FE stays unreachable or the statement fails.
 *
 * Written for this library; the kube-starrocks chart's script behaves alike but is not reused.
 *
 * @internal
 */
export const INIT_PASSWORD_SCRIPT = `#!/bin/bash
# Sets the password of the StarRocks root user once, after the cluster is created.
#   usage: fe_initpwd.sh <fe-host> <fe-mysql-port>    (the new password is read from $INIT_PWD)
# Exit status 0 means root has a password now; anything else makes the Job try again.
set -u

host="$1"
port="$2"

if [ -z "\${INIT_PWD:-}" ]; then
  echo "INIT_PWD is empty: nothing to set" >&2
  exit 1
fi

# sql <password-or-empty> <statement>: prints the client's output, returns its exit status
sql() {
  if [ -n "$1" ]; then
    MYSQL_PWD="$1" mysql --connect-timeout 10 -h "$host" -P "$port" -u root --batch --skip-column-names -e "$2" 2>&1
  else
    env -u MYSQL_PWD mysql --connect-timeout 10 -h "$host" -P "$port" -u root --batch --skip-column-names -e "$2" 2>&1
  fi
}

denied() {
  case "$1" in *"ERROR 1045"*) return 0 ;; esac
  return 1
}

# root already has a password: done, whichever password it is
already_set() {
  if sql "$INIT_PWD" "SELECT 1" >/dev/null; then
    echo "root already uses the requested password"
  else
    echo "root already has another password; leaving it unchanged"
  fi
  exit 0
}

attempt=0
until out=$(sql "" "SELECT 1"); do
  if denied "$out"; then
    already_set
  fi
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 60 ]; then
    echo "FE $host:$port still unreachable after $attempt attempts: $out" >&2
    exit 1
  fi
  echo "waiting for FE $host:$port ($attempt): $out"
  sleep 5
done

# quote the password for a SQL string literal: backslash and single quote are escaped
escaped=\${INIT_PWD//\\\\/\\\\\\\\}
escaped=\${escaped//\\'/\\\\\\'}
if out=$(sql "" "SET PASSWORD = PASSWORD('$escaped')"); then
  echo "root password set"
  exit 0
fi
if denied "$out"; then
  already_set
fi
echo "setting the root password failed: $out" >&2
exit 1
`;
