from storage.textfold import fold, nfc


def test_fold_ignores_case_accents_and_spacing():
    assert fold("Sở  Tư pháp") == fold("so tu phap") == "so tu phap"
    assert fold("UBND huyện Đắk Hà") == "ubnd huyen dak ha"


def test_fold_treats_decomposed_and_composed_text_alike():
    composed = "Hoàn thành"
    decomposed = "Hoa\u0300n tha\u0300nh"
    assert fold(composed) == fold(decomposed) == "hoan thanh"
    assert nfc(decomposed) == composed
