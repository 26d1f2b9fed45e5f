# Two commands are all a user needs: `make dataset` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Fixed hash seed: part of what makes two builds byte-identical.
export PYTHONHASHSEED := 0

.PHONY: install dataset test lint clean release reference constraints push

# constraints.txt pins every library to the version the committed reference release was
# built with, so a fresh machine (CI) rebuilds it byte for byte.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

dataset: $(STAMP)
	$(BIN)/python -m pipeline build --config dataset.toml --input seeds --output dist

test: $(STAMP)
	$(BIN)/python -m pytest

# Verify the release of dataset.toml and write dist/<name>-<version>.tar.gz; prints its sha256.
release: dataset
	$(BIN)/python -m pipeline release --config dataset.toml --dist dist

# Regenerate the committed reference release (dist/<name>/<version>/) after a change to
# the pipeline's output; tests/test_reference_release.py checks it against a fresh build.
reference: $(STAMP)
	$(BIN)/python -m pipeline build --config dataset.toml --input seeds --output dist --force --quiet

# Re-pin constraints.txt to what the venv holds now (after adding or upgrading a library).
constraints: $(STAMP)
	{ echo "# Exact pins for reproducible releases; regenerate with 'make constraints'."; \
	  $(BIN)/python -m pip freeze --exclude-editable | grep -iv '^presscorpus'; } > constraints.txt

# Upload the release to the Hugging Face Hub: make push REPO_ID=org/name (token in HF_TOKEN).
push: $(STAMP)
	$(BIN)/python -m pipeline push --config dataset.toml --repo-id $(REPO_ID)

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests

clean:
	rm -rf $(VENV) build *.egg-info
