// OpenSSL's libcrypto digests from Debian's libssl-dev. Only the IO module imports this
// (SHA-256 of inputs and tables in the summaries).
#include <openssl/evp.h>
