# JAX: shapes are checked while a function is traced, so under jit the
# mismatch is a TypeError on the first call, before anything runs on
# the device, with the failing line in the traceback.
import jax
import jax.numpy as jnp

@jax.jit
def logits(w1, x):
    return jax.nn.relu(x @ w1)

x = jnp.ones((8, 784))
w1 = jnp.ones((32 * 32, 64))                  # bug: 32x32 images
try:
    logits(w1, x)
except TypeError as e:
    print(e)  # dot_general requires contracting dimensions to match
