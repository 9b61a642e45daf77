# TF 2 / Keras: declare the layers, compile, fit.
import tensorflow as tf

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784) / 255.0
x_test = x_test.reshape(-1, 784) / 255.0
num_epochs, batch_size, lr, hidden = 4, 32, 0.1, 128

net = tf.keras.Sequential([
    tf.keras.Input(shape=(784,)),
    tf.keras.layers.Dense(hidden, activation='relu',
                          kernel_initializer='he_normal'),
    tf.keras.layers.Dense(10, activation='softmax'),
])
net.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=lr),
            loss='sparse_categorical_crossentropy',
            metrics=['accuracy'])
net.fit(x_train, y_train, epochs=num_epochs, batch_size=batch_size)
print('test accuracy', net.evaluate(x_test, y_test)[1])
