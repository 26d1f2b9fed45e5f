# Two commands are all a user needs: `make dataset` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Fixed hash seed: part of what makes two builds byte-identical.
export PYTHONHASHSEED := 0

.PHONY: install dataset test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

dataset: $(STAMP)
	$(BIN)/python -m pipeline build --config dataset.toml --input seeds --output dist

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests

clean:
	rm -rf $(VENV) build *.egg-info
