# JAX: grad transforms a function into its gradient function; tracing
# the function, not a tape, records the computation.
import jax
import jax.numpy as jnp

x = jnp.array([[1.0, 2.0], [3.0, 4.0]])


def loss(w):
    return jnp.mean(jnp.tanh(x @ w) ** 2)


w = jnp.array([[0.5], [-0.3]])
print(jax.grad(loss)(w))
print(jax.jit(jax.grad(loss))(w))  # transformations compose
