#!/usr/bin/env bash
# Makes sure MariaDB runs on 127.0.0.1:3306, that root can log in over TCP
# with an empty password, and creates the named databases afresh.
set -euo pipefail

tcp() { mysql --protocol=TCP -h127.0.0.1 -P3306 -uroot "$@"; }

if ! mysqladmin --protocol=TCP -h127.0.0.1 -uroot ping >/dev/null 2>&1 && ! mysqladmin ping >/dev/null 2>&1; then
  echo "Starting MariaDB"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  for _ in $(seq 1 60); do
    mysqladmin ping >/dev/null 2>&1 && break
    sleep 1
  done
fi

if ! tcp -e 'SELECT 1' >/dev/null 2>&1; then
  echo "Letting root in over TCP with an empty password"
  mysql -uroot -e "ALTER USER root@localhost IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('')"
fi

for database in "$@"; do
  tcp -e "DROP DATABASE IF EXISTS \`$database\`; CREATE DATABASE \`$database\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
  echo "database $database ready"
done
