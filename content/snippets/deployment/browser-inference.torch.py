# PyTorch: export a trained module to ONNX, which any ONNX
# runtime can run (this page uses ONNX Runtime Web).
import io

import torch
from torch import nn

model = nn.Sequential(
    nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(16 * 5 * 5, 10),
).eval()
example = torch.zeros(1, 1, 28, 28)

buffer = io.BytesIO()  # a file path works the same way
torch.onnx.export(
    model, example, buffer,
    input_names=["image"], output_names=["logits"],
    # any batch size at run time
    dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}},
    opset_version=13,
)
print(f"model.onnx: {len(buffer.getvalue())} bytes")

# Phones and microcontrollers (PyTorch 2.x): torch.export gives
# the graph that ExecuTorch compiles into a .pte program.
#   program = torch.export.export(model, (example,))
