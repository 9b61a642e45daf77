# TF 2 / Keras: declare the layers, compile, fit.
import tensorflow as tf

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0
num_epochs, batch_size, lr, hidden, shift = 8, 64, 0.003, 256, 1


def window(image, label):  # 20x20 around the centre, moved up to shift px
    margin = image[4 - shift:24 + shift, 4 - shift:24 + shift]
    return tf.image.random_crop(margin, [20, 20]), label


train = (tf.data.Dataset.from_tensor_slices((x_train, y_train))
         .shuffle(len(x_train)).map(window).batch(batch_size))
net = tf.keras.Sequential([
    tf.keras.Input(shape=(20, 20)),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(hidden, activation='relu',
                          kernel_initializer='he_normal'),
    tf.keras.layers.Dense(10, activation='softmax'),
])
net.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=lr),
            loss='sparse_categorical_crossentropy',
            metrics=['accuracy'])
net.fit(train, epochs=num_epochs)
print('test accuracy', net.evaluate(x_test[:, 4:24, 4:24], y_test)[1])
