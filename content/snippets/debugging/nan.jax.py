# JAX: jit-compiled code has no per-line values to inspect. The
# jax_debug_nans flag checks outputs for NaN and, on a hit, re-runs the
# function op by op to raise at the primitive that made it.
import jax
import jax.numpy as jnp

jax.config.update("jax_debug_nans", True)

@jax.jit
def loss(w, x, y):
    p = jax.nn.softmax(x @ w)
    jax.debug.print("min p = {m}", m=p.min())  # works under jit
    return -jnp.mean(jnp.sum(y * jnp.log(p), axis=1))

key = jax.random.PRNGKey(0)
w = jax.random.normal(key, (784, 10))
x = jax.random.uniform(key, (8, 784), maxval=255.0)  # bug: unscaled
y = jax.nn.one_hot(jnp.arange(8) % 10, 10)
try:
    loss(w, x, y)
except FloatingPointError as e:
    print(e)      # invalid value (nan) encountered in ... (the mul)
# jax.experimental.checkify.checkify(f, errors=checkify.nan_checks)
# returns the error as a value instead of raising, and works under jit.
