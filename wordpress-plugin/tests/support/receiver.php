<?php
// receiver.php: the `php -S` router of the test receiver. Appends every request to
// $IGNY8_RECEIVER_DIR/requests.jsonl and answers with the status (and optional Retry-After)
// written in $IGNY8_RECEIVER_DIR/status as "CODE [RETRY_AFTER]" (default 200).

$dir = getenv('IGNY8_RECEIVER_DIR');
$answer = is_file("$dir/status") ? preg_split('/\s+/', trim((string) file_get_contents("$dir/status"))) : array('200');
$headers = array();
foreach ($_SERVER as $name => $value) {
    if (strpos($name, 'HTTP_') === 0) {
        $headers[strtolower(str_replace('_', '-', substr($name, 5)))] = $value;
    }
}
if (isset($_SERVER['CONTENT_TYPE'])) {
    $headers['content-type'] = $_SERVER['CONTENT_TYPE'];
}
$record = array(
    'method' => $_SERVER['REQUEST_METHOD'],
    'path' => $_SERVER['REQUEST_URI'],
    'headers' => $headers,
    'body' => (string) file_get_contents('php://input'),
    'received_at' => time(),
);
file_put_contents("$dir/requests.jsonl", json_encode($record) . "\n", FILE_APPEND | LOCK_EX);
http_response_code((int) $answer[0]);
if (!empty($answer[1])) {
    header('Retry-After: ' . $answer[1]);
}
header('Content-Type: text/plain');
echo (int) $answer[0] < 300 ? 'ok' : 'receiver says no';
