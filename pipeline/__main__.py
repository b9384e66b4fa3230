from .cli import entry

if __name__ == "__main__":  # a worker process (model.n_process > 1) imports this module too: it must not run again
    entry()
