"""Python `cryptography` contender: one PBKDF2-HMAC-SHA256 with kit
parameters, timed in-process. Prints 'seconds derived-key-hex'."""
import hashlib
import sys
import time

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

PASSWORD = b"D1-ABCDEF-GHJKL-MNPQR-STUVW-XYZ23-456789"
SALT = hashlib.sha256(b"bench@example.com").digest()


def derive(iterations):
    return PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=SALT, iterations=iterations).derive(PASSWORD)


iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
derive(1_000)  # warm-up, as every contender does
start = time.perf_counter()
key = derive(iterations)
print(time.perf_counter() - start, key.hex())
