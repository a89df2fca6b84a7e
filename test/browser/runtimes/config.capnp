# workerd's configuration for worker.mjs beside the package's browser bundle (onnx-ts.mjs).
# FinalizationRegistry, which the runtime uses to free wasm memory, needs a compatibility date
# from 2025-05 on; the test passes the socket's address (-s http=127.0.0.1:0).
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "onnx-ts.mjs", esModule = embed "onnx-ts.mjs"),
  ],
  compatibilityDate = "2025-09-01",
);
