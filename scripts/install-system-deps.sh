#!/usr/bin/env bash
# Installs the Debian packages Navette's tests use, only those missing. Idempotent.
#   softhsm2 + opensc + libengine-pkcs11-openssl: the PKCS#11 stand-in for a CPS card
#   xmlsec1, libxml2-utils (xmllint), xsltproc: independent verifiers / oracles
#   chromium: UI tests through playwright-core
set -euo pipefail
if [ "${NAVETTE_SKIP_SYSTEM_DEPS:-}" = "1" ]; then echo "system packages: skipped (NAVETTE_SKIP_SYSTEM_DEPS=1)"; exit 0; fi
pkgs=(softhsm2 opensc xmlsec1 libxml2-utils xsltproc chromium libengine-pkcs11-openssl openssl)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
echo "system packages: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "system packages: done"
