# JAX: no layer classes in the core library. A model is a function of
# its parameters (a pytree); Flax and Equinox add module classes.
import jax
import jax.numpy as jnp


def init(key, sizes=(784, 64, 10)):
    keys = jax.random.split(key, len(sizes) - 1)
    return [(jax.random.normal(k, (m, n)) * jnp.sqrt(2 / m), jnp.zeros(n))
            for k, m, n in zip(keys, sizes[:-1], sizes[1:])]


def mlp(params, x):
    (w1, b1), (w2, b2) = params
    return jax.nn.relu(x @ w1 + b1) @ w2 + b2


params = init(jax.random.PRNGKey(0))
x = jax.random.normal(jax.random.PRNGKey(1), (32, 784))
print(mlp(params, x).shape)
