# JAX + Flax NNX (0.11 or later): a Module owns its parameters, as in
# PyTorch; nnx.jit compiles the training step. Random digits stand in
# for MNIST here, so the snippet runs offline.
import numpy as np
import optax
from flax import nnx

num_epochs, batch_size, lr, hidden, shift = 8, 64, 0.003, 256, 1
rng = np.random.default_rng(0)
X_train = rng.random((512, 28, 28), dtype=np.float32)
X_test = rng.random((128, 28, 28), dtype=np.float32)
y_train, y_test = rng.integers(0, 10, 512), rng.integers(0, 10, 128)


def windows(images):  # 20x20 around the centre, moved up to shift px
    tops, lefts = rng.integers(4 - shift, 5 + shift, (2, len(images)))
    return np.stack([image[i:i + 20, j:j + 20].reshape(400)
                     for image, i, j in zip(images, tops, lefts)])


class Mlp(nnx.Module):
    def __init__(self, hidden, rngs):
        self.hidden = nnx.Linear(400, hidden, rngs=rngs)
        self.out = nnx.Linear(hidden, 10, rngs=rngs)

    def __call__(self, x):
        return self.out(nnx.relu(self.hidden(x)))


net = Mlp(hidden, nnx.Rngs(0))
optimizer = nnx.Optimizer(net, optax.adam(lr), wrt=nnx.Param)


@nnx.jit
def train_step(net, optimizer, X, y):
    def loss_fn(net):
        return optax.softmax_cross_entropy_with_integer_labels(
            net(X), y).mean()

    loss, grads = nnx.value_and_grad(loss_fn)(net)
    optimizer.update(net, grads)
    return loss


for epoch in range(num_epochs):
    order = rng.permutation(len(y_train))
    for start in range(0, len(order), batch_size):
        k = order[start:start + batch_size]
        loss = train_step(net, optimizer, windows(X_train[k]), y_train[k])
    print('epoch', epoch, 'loss', float(loss))

predicted = net(X_test[:, 4:24, 4:24].reshape(-1, 400)).argmax(axis=1)
print('test accuracy', float((predicted == y_test).mean()))
