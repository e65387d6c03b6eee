#!/usr/bin/env bash
# Makes the fleet's certificate authority and one certificate per node, for mutual TLS on the
# cluster port (docs/operating.md, "Securing the cluster port").
#
#   cluster-config/make-certificates.sh DIR NODE [NODE...]
#
# DIR gets fleet-ca.pem (give it to every node), fleet-ca.key (keep it offline: it issues new
# nodes' certificates; an existing one is reused, so running again adds nodes to the same fleet)
# and NODE.pfx for each node (PKCS#12 with its private key). The .pfx password is PFX_PASSWORD
# from the environment, or a random one, printed at the end; the authority's name is CA_NAME
# (default "Liberty fleet CA").
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 DIR NODE [NODE...]" >&2
  exit 2
fi
dir=$1
shift
command -v openssl > /dev/null || { echo "$0: openssl is required (apt-get install openssl)" >&2; exit 2; }
mkdir -p "$dir"
umask 077
password=${PFX_PASSWORD:-$(openssl rand -hex 16)}

if [ ! -f "$dir/fleet-ca.key" ]; then
  openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=${CA_NAME:-Liberty fleet CA}" \
    -keyout "$dir/fleet-ca.key" -out "$dir/fleet-ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2> /dev/null
fi

for node in "$@"; do
  work=$(mktemp -d)
  # Both server and client authentication: a node accepts connections and makes them.
  printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=DNS:%s\n' "$node" > "$work/ext.cnf"
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$node" -keyout "$work/node.key" -out "$work/node.csr" 2> /dev/null
  openssl x509 -req -in "$work/node.csr" -CA "$dir/fleet-ca.pem" -CAkey "$dir/fleet-ca.key" -CAcreateserial \
    -days 825 -extfile "$work/ext.cnf" -out "$work/node.crt" 2> /dev/null
  openssl pkcs12 -export -in "$work/node.crt" -inkey "$work/node.key" -name "$node" -out "$dir/$node.pfx" -passout "pass:$password"
  rm -rf "$work"
  echo "$dir/$node.pfx"
done
chmod 0644 "$dir/fleet-ca.pem"
echo "password: $password"
