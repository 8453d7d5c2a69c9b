<?php
// Standard Webhooks signing, against the specification's published test vector.

test('signature matches the Standard Webhooks test vector', function () {
    check_same(
        'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
        Igny8_Signature::sign('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}'),
        'signature'
    );
});

test('a different body, id, timestamp or secret gives a different signature', function () {
    $base = array('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    $expected = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
    $variants = array(
        array('whsec_' . base64_encode(str_repeat('k', 32)), $base[1], $base[2], $base[3]),
        array($base[0], 'msg_other', $base[2], $base[3]),
        array($base[0], $base[1], $base[2] + 1, $base[3]),
        array($base[0], $base[1], $base[2], '{"test": 2432232315}'),
    );
    foreach ($variants as $v) {
        check(Igny8_Signature::sign($v[0], $v[1], $v[2], $v[3]) !== $expected, 'a changed input kept the signature');
    }
    $headers = Igny8_Signature::headers($base[0], $base[1], $base[2], $base[3]);
    check_same(array('webhook-id' => $base[1], 'webhook-timestamp' => '1614265330', 'webhook-signature' => $expected), $headers, 'headers');
});
