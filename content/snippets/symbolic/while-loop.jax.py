# JAX: under jit a Python `while` on a traced value raises
# TracerBoolConversionError; lax.while_loop is the loop as one op.
import jax
import jax.numpy as jnp
from jax import lax

tol, max_iter = 1e-5, 100


@jax.jit
def newton_sqrt(a):
    def cond(state):
        x, change, i = state
        return (change > tol) & (i < max_iter)

    def body(state):
        x, _, i = state
        nxt = 0.5 * (x + a / x)
        return nxt, jnp.max(jnp.abs(nxt - x) / nxt), i + 1

    x, _, i = lax.while_loop(cond, body, (a, jnp.float32(1.0), 0))
    return x, i


print(newton_sqrt(jnp.array([2.0, 9.0, 1e4])))
